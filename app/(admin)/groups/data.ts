// The group screens' page data (callers check the admin first): the builder's choices, the sync status
// columns, and the Explain tab's matches and explanation. The SQL is in db/queries/group-builder.ts.
import "server-only";
import type { Db } from "@/db/client";
import { listBuilderChoices, searchRecordsByText } from "@/db/queries/group-builder";
import { isRecordInGroup } from "@/db/queries/group-members";
import type { GroupRow } from "@/db/queries/groups";
import { integrationVendors } from "@/db/schema/integrations";
import { loadConditionContext, loadEvalRecord } from "@/lib/groups/context";
import { explainGroup } from "@/lib/groups/evaluate";
import type { CustomFieldInfo } from "@/lib/groups/fields";
import { registrationStatuses } from "@/lib/schemas/events";
import type { ExplainData } from "@/components/groups/explain-tab";
import type { PickerData } from "@/components/groups/value-input";

export const integrationColumns = integrationVendors.map((v) => ({
  key: v,
  label: v[0].toUpperCase() + v.slice(1),
}));

export async function builderData(
  db: Db,
  exceptGroup?: string,
): Promise<{ custom: CustomFieldInfo[]; data: PickerData }> {
  const { custom, membershipTypes, events, groups } = await listBuilderChoices(db, exceptGroup);
  return { custom, data: { membershipTypes, events, groups, registrationStatuses } };
}

/** People and companies whose name or email contains q (the Explain tab's record picker). */
export async function searchRecords(db: Db, q: string) {
  const s = q.trim().toLowerCase();
  if (!s) return [];
  return searchRecordsByText(db, s);
}

/** The Explain tab: the records matching `find`, and for `recordId` the clause-by-clause result. */
export async function explainData(
  db: Db,
  group: GroupRow,
  find?: string,
  recordId?: string,
): Promise<ExplainData> {
  const matches = find ? await searchRecords(db, find) : [];
  const loaded = recordId ? await loadEvalRecord(db, recordId, await loadConditionContext(db)) : null;
  if (!loaded) return { matches, explained: null };
  const name =
    loaded.record.type === "person"
      ? `${loaded.record.person.firstName} ${loaded.record.person.lastName}`
      : loaded.record.company.name;
  return {
    matches,
    explained: {
      name,
      result: explainGroup(group, loaded.record, loaded.ctx),
      stored: await isRecordInGroup(db, group.id, loaded.record.type, recordId!),
    },
  };
}
