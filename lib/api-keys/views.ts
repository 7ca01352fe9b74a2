// Read models for the staff API key screens (list summary, form choices).
import type { DbOrTx } from "@/db/client";
import type { ApiKey } from "@/db/queries/api-keys";
import { listCustomFields } from "@/db/queries/custom-fields";
import { listGroupChoices } from "@/db/queries/groups";
import type { ApiKeyInput } from "@/lib/schemas/api-key";

export function accessSummary(k: ApiKey): string {
  const parts =
    [k.memberAccess && "members", k.eventAccess && "events"].filter(Boolean).join(" + ") || "nothing";
  const fields = k.limitMemberData
    ? `, ${k.memberFields.length + k.customFieldKeys.length} chosen fields`
    : ", all fields";
  return `${parts}${k.memberAccess ? fields : ""}`;
}

export async function keyFormChoices(db: DbOrTx) {
  const [groupRows, fields] = await Promise.all([listGroupChoices(db), listCustomFields(db)]);
  return {
    groups: groupRows,
    customFields: fields.map((f) => ({ key: f.key, label: f.label, entity: f.entity })),
  };
}

export const groupNames = async (db: DbOrTx) =>
  new Map((await listGroupChoices(db)).map((g) => [g.id, g.name]));

export function formValuesOf(k: ApiKey, webhookUrls: string[]): ApiKeyInput {
  return {
    name: k.name,
    eventAccess: k.eventAccess,
    memberAccess: k.memberAccess,
    followSignupProtection: k.followSignupProtection,
    limitMemberData: k.limitMemberData,
    groupId: k.groupId,
    memberFields: k.memberFields,
    customFieldKeys: k.customFieldKeys,
    rateLimitPerSecond: k.rateLimitPerSecond,
    rateLimitPerMinute: k.rateLimitPerMinute,
    webhookUrls,
  };
}

/** The confirmation before a key is deleted: what it revokes, in the words staff need. */
export const whatDeleteRevokes = (name: string, endpoints: number) =>
  `Anyone using “${name}” loses access at once: the very next request fails` +
  (endpoints
    ? `, and its ${endpoints === 1 ? "webhook endpoint stops" : `${endpoints} webhook endpoints stop`} receiving changes.`
    : ".") +
  " This cannot be undone; a new key would have to be given out.";
