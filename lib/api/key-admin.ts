// Staff-side operations on API keys: validate and save (with webhook URLs checked against the SSRF
// rules), and the data contract preview ("view as this key").
import { z } from "zod";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { createApiKey, updateApiKey, type ApiKey } from "@/db/queries/api-keys";
import { setWebhookUrls } from "@/lib/webhooks/endpoints";
import { getSiteSettings } from "@/db/queries/site-settings";
import { groups } from "@/db/schema";
import { AppError, fromZodError } from "@/lib/core/errors";
import { checkWebhookTarget } from "@/lib/webhooks/ssrf";
import { fieldSetOf, lockedMemberFields } from "@/lib/schemas/member-fields";
import { apiKeyInputSchema, type ApiKeyInput } from "@/lib/schemas/api-key";
import { invalidateApiKeys } from "./key-cache";
import { listMembersInScope, countMembersInScope } from "./members-query";
import { projectMember } from "./project";
import { memberSchemaFor } from "./schemas";

async function validated(db: DbOrTx, raw: unknown): Promise<ApiKeyInput> {
  const parsed = apiKeyInputSchema.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error);
  const input = parsed.data;
  if (input.limitMemberData && input.groupId) {
    const [g] = await db.select({ id: groups.id }).from(groups).where(eq(groups.id, input.groupId));
    if (!g)
      throw new AppError("invalid_input", "groupId: that group does not exist", {
        fields: [{ field: "groupId", message: "Choose a group from the list" }],
      });
  }
  if (!input.limitMemberData) Object.assign(input, { groupId: null, memberFields: [], customFieldKeys: [] });
  const { allowPrivateTargets } = await getSiteSettings(db);
  for (const [i, url] of input.webhookUrls.entries())
    await checkWebhookTarget(url, { allowPrivate: allowPrivateTargets, field: `webhookUrls.${i}` });
  return input;
}

/** Creates (id null) or updates a key; returns the secret only on create. */
export async function saveApiKey(
  db: DbOrTx,
  id: string | null,
  raw: unknown,
): Promise<{ key: ApiKey; secret?: string }> {
  const { webhookUrls, ...fields } = await validated(db, raw);
  const result = await db.transaction(async (tx) => {
    const saved = id ? { key: await updateApiKey(tx, id, fields) } : await createApiKey(tx, fields);
    await setWebhookUrls(tx, saved.key.id, webhookUrls);
    return saved;
  });
  invalidateApiKeys();
  return result;
}

/** What the key can see, exactly as the API would show it. */
export async function previewApiKey(db: DbOrTx, key: ApiKey) {
  const fieldSet = fieldSetOf(key);
  const resolved = { ...key, fieldSet };
  const [count, sample] = await Promise.all([
    key.memberAccess ? countMembersInScope(db, key) : Promise.resolve(0),
    key.memberAccess ? listMembersInScope(db, key, { limit: 1 }) : Promise.resolve({ rows: [] }),
  ]);
  return {
    count,
    memberAccess: key.memberAccess,
    eventAccess: key.eventAccess,
    alwaysIncluded: lockedMemberFields,
    chosen: fieldSet.fields.filter((f) => !lockedMemberFields.includes(f)),
    customKeys: fieldSet.customKeys,
    sample: sample.rows[0] ? projectMember(sample.rows[0], resolved) : null,
  };
}

/** JSON Schema of this key's member payload (downloadable from the key page). */
export function memberJsonSchemaFor(key: ApiKey) {
  return z.toJSONSchema(memberSchemaFor(fieldSetOf(key)), { unrepresentable: "any" });
}
