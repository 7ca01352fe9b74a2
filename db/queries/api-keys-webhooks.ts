// Webhook endpoints of an API key, kept in step with the key's URL list (unchanged URLs keep their secret),
// and the staff tools on them: delivery log, Replay, secret rotation, re-enabling.
import crypto from "node:crypto";
import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import { feedHead } from "@/lib/api/changes-feed";
import { AppError } from "@/lib/errors";
import { newSigningSecret, openSecret, sealSecret } from "@/lib/webhooks/secret-box";
import type { DbOrTx } from "../client";
import { webhookAttempts, webhookCursors, webhookDeliveries, webhookEndpoints } from "../schema";

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
  if (fresh.length) {
    await db
      .insert(webhookEndpoints)
      .values(fresh.map((url) => ({ apiKeyId, url, secretEncrypted: sealSecret(newSigningSecret()) })));
    await ensureWebhookCursor(db, apiKeyId);
  }
}

/** A key's webhooks start at the feed's head when it gets its first endpoint (no replay of history). */
export async function ensureWebhookCursor(db: DbOrTx, apiKeyId: string): Promise<void> {
  await db
    .insert(webhookCursors)
    .values({ apiKeyId, feedCursor: await feedHead(db) })
    .onConflictDoNothing();
}

/** Staff may reveal an endpoint's signing secret (to configure the receiver). */
export const revealSigningSecret = (e: Pick<WebhookEndpoint, "secretEncrypted">) =>
  openSecret(e.secretEncrypted);

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;

export async function getWebhookEndpoint(db: DbOrTx, id: string): Promise<WebhookEndpoint | null> {
  const [e] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return e ?? null;
}

/** The delivery log of one endpoint, newest first; `before` pages to older ones. */
export async function listDeliveries(
  db: DbOrTx,
  endpointId: string,
  o: { before?: number; limit: number },
): Promise<(WebhookDelivery & { attemptLog: WebhookAttempt[] })[]> {
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        o.before ? lt(webhookDeliveries.id, o.before) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(o.limit);
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(webhookAttempts.id))
    : [];
  return rows.map((r) => ({ ...r, attemptLog: attempts.filter((a) => a.deliveryId === r.id) }));
}

/**
 * Replay: the same payload queued again at the end of the endpoint's queue, under a NEW webhook-id (a
 * receiver that de-duplicates would otherwise ignore it). Held, not sent, while the site is in staging.
 */
export async function replayDelivery(
  db: DbOrTx,
  endpointId: string,
  deliveryId: number,
  held: boolean,
): Promise<WebhookDelivery> {
  const [d] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId)));
  if (!d) throw new AppError("not_found", "That delivery was not found.");
  const [copy] = await db
    .insert(webhookDeliveries)
    .values({
      endpointId: d.endpointId,
      messageId: `msg_${crypto.randomUUID()}`,
      eventType: d.eventType,
      payload: d.payload,
      status: held ? "held" : "pending",
      replayOf: d.id,
    })
    .returning();
  return copy;
}

/** A new signing secret; the previous one keeps signing too until `graceMs` has passed. */
export async function rotateSigningSecret(db: DbOrTx, endpointId: string, graceMs: number): Promise<string> {
  const e = await getWebhookEndpoint(db, endpointId);
  if (!e) throw new AppError("not_found", "That webhook endpoint was not found.");
  const secret = newSigningSecret();
  await db
    .update(webhookEndpoints)
    .set({
      secretEncrypted: sealSecret(secret),
      previousSecretEncrypted: graceMs > 0 ? e.secretEncrypted : null,
      previousSecretExpiresAt: graceMs > 0 ? new Date(Date.now() + graceMs) : null,
    })
    .where(eq(webhookEndpoints.id, endpointId));
  return secret;
}

/** Turns a disabled endpoint back on; its failure streak starts afresh. */
export async function reenableEndpoint(db: DbOrTx, endpointId: string): Promise<void> {
  await db
    .update(webhookEndpoints)
    .set({ status: "active", disabledReason: null, failingSince: null, leaseUntil: null })
    .where(eq(webhookEndpoints.id, endpointId));
}

/** Keys with a disabled webhook endpoint (flagged in the list of keys), with how many. */
export async function disabledEndpointCounts(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await db
    .select({ apiKeyId: webhookEndpoints.apiKeyId })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.status, "disabled"));
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.apiKeyId, (counts.get(r.apiKeyId) ?? 0) + 1);
  return counts;
}
