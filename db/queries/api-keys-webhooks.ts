// Webhook endpoints of an API key: kept in step with the key's URL list (unchanged URLs keep their secret).
import { and, asc, eq, inArray } from "drizzle-orm";
import { newSigningSecret, openSecret, sealSecret } from "@/lib/webhooks/secret-box";
import type { DbOrTx } from "../client";
import { webhookEndpoints } from "../schema";

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

export function listWebhookEndpoints(db: DbOrTx, apiKeyId: string) {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.apiKeyId, apiKeyId))
    .orderBy(asc(webhookEndpoints.createdAt));
}

/** Makes the key's endpoints exactly `urls` (already validated by the caller). */
export async function setWebhookUrls(db: DbOrTx, apiKeyId: string, urls: string[]): Promise<void> {
  const current = await listWebhookEndpoints(db, apiKeyId);
  const gone = current.filter((e) => !urls.includes(e.url)).map((e) => e.id);
  if (gone.length)
    await db
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.apiKeyId, apiKeyId), inArray(webhookEndpoints.id, gone)));
  const fresh = [...new Set(urls)].filter((u) => !current.some((e) => e.url === u));
  if (fresh.length)
    await db
      .insert(webhookEndpoints)
      .values(fresh.map((url) => ({ apiKeyId, url, secretEncrypted: sealSecret(newSigningSecret()) })));
}

/** Staff may reveal an endpoint's signing secret (to configure the receiver). */
export const revealSigningSecret = (e: Pick<WebhookEndpoint, "secretEncrypted">) =>
  openSecret(e.secretEncrypted);
