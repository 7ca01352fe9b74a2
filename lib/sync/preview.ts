// Dry run: what linking (or re-syncing) a group would do, without touching the remote side beyond reads.
import type { Db } from "@/db/client";
import { loadGroupMembersForSync, loadRemoteIds } from "@/db/queries/sync-members";
import type { IntegrationVendor } from "@/db/schema";
import { connectorFor } from "@/lib/connectors/connections";
import { vendorLabel } from "@/lib/connectors/registry";
import { AppError } from "@/lib/core/errors";
import { planSync } from "./plan";

const cap = 200;

export async function previewSync(db: Db, vendor: IntegrationVendor, groupId: string, remoteGroupId: string) {
  const connector = await connectorFor(db, vendor);
  if (!connector)
    throw new AppError(
      "precondition_failed",
      `${vendorLabel(vendor)} is not connected (Settings → Integrations).`,
    );
  const [members, remote, remoteIds] = await Promise.all([
    loadGroupMembersForSync(db, groupId),
    connector.listMembers(remoteGroupId),
    loadRemoteIds(db, vendor),
  ]);
  const plan = planSync({ members, remote, remoteIds, sentHashes: new Map() });
  return {
    counts: {
      add: plan.adds.length,
      remove: plan.removes.length,
      notEligible: plan.notEligible.length,
      alreadyThere: plan.updates.length + plan.unchanged.length,
    },
    adds: plan.adds
      .slice(0, cap)
      .map((a) => ({ name: `${a.person.firstName} ${a.person.lastName}`.trim(), email: a.person.email })),
    removes: plan.removes.slice(0, cap).map((r) => ({ name: r.name, email: r.email })),
    notEligible: plan.notEligible
      .slice(0, cap)
      .map((n) => ({ name: n.name, reason: n.reason, message: n.message })),
  };
}
