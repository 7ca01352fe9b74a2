// An API key's life: validated and saved (webhook URLs checked against the SSRF rules), its secret made
// here and shown once (only its hash is stored), rolled with a grace period; revoking is
// db/queries/api-keys.ts revokeApiKey. Every change drops the cached keys of this process (cache.ts).
import type { DbOrTx } from "@/db/client";
import { insertApiKey, setApiKeySecret, updateApiKey, type ApiKey } from "@/db/queries/api-keys";
import { getGroup } from "@/db/queries/groups";
import { getSiteSettings } from "@/db/queries/site-settings";
import { AppError, fromZodError, type FieldIssue } from "@/lib/core/errors";
import { apiKeyInputSchema, type ApiKeyInput } from "@/lib/schemas/api-key";
import { setWebhookUrls } from "@/lib/webhooks/endpoints";
import { checkTargetAtSave } from "@/lib/outbound/address-guard";
import { invalidateApiKeys } from "./cache";
import { generateKeySecret } from "./secret";

async function validated(db: DbOrTx, raw: unknown): Promise<ApiKeyInput> {
  const parsed = apiKeyInputSchema.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error);
  const input = parsed.data;
  if (input.limitMemberData && input.groupId) {
    if (!(await getGroup(db, input.groupId)))
      throw new AppError("invalid_input", "groupId: that group does not exist", {
        fields: [{ field: "groupId", message: "Choose a group from the list" }],
      });
  }
  if (!input.limitMemberData) Object.assign(input, { groupId: null, memberFields: [], customFieldKeys: [] });
  const { allowPrivateTargets } = await getSiteSettings(db);
  // Every bad URL is reported, not only the first.
  const issues: FieldIssue[] = [];
  for (const [i, url] of input.webhookUrls.entries()) {
    try {
      await checkTargetAtSave(url, { allowPrivate: allowPrivateTargets, field: `webhookUrls.${i}` });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      issues.push(...(e.details?.fields ?? []));
    }
  }
  if (issues.length)
    throw new AppError("invalid_input", issues.map((f) => `${f.field}: ${f.message}`).join("; "), {
      fields: issues,
    });
  return input;
}

type KeyFields = Omit<ApiKeyInput, "webhookUrls">;

/** Creates a key from validated fields; the secret is returned here once and never again. */
export async function createApiKey(db: DbOrTx, fields: KeyFields): Promise<{ key: ApiKey; secret: string }> {
  const { secret, ...stored } = generateKeySecret();
  return { key: await insertApiKey(db, fields, stored), secret };
}

/** A new secret, shown once; the old one keeps working for `graceMs` (0 = stops at once). */
export async function rollApiKey(db: DbOrTx, id: string, graceMs: number): Promise<{ secret: string }> {
  const { secret, ...stored } = generateKeySecret();
  await setApiKeySecret(db, id, stored, graceMs);
  invalidateApiKeys();
  return { secret };
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
