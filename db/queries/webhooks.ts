// Webhook endpoints of an API key and their deliveries: the rows behind lib/webhooks (which decides what
// they hold: URLs, sealed secrets, feed positions).
import { and, asc, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { apiKeys, webhookAttempts, webhookDeliveries, webhookEndpoints } from "../schema";

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

export function listWebhookEndpoints(db: DbOrTx, apiKeyId: string) {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.apiKeyId, apiKeyId))
    .orderBy(asc(webhookEndpoints.createdAt));
}

/** Removes these endpoints of the key (their deliveries go with them). */
export async function deleteWebhookEndpoints(db: DbOrTx, apiKeyId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.apiKeyId, apiKeyId), inArray(webhookEndpoints.id, ids)));
}

export async function insertWebhookEndpoints(
  db: DbOrTx,
  rows: (typeof webhookEndpoints.$inferInsert)[],
): Promise<WebhookEndpoint[]> {
  return rows.length ? db.insert(webhookEndpoints).values(rows).returning() : [];
}

/** The key's endpoints that receive deliveries. */
export function activeEndpointsOf(db: DbOrTx, apiKeyId: string): Promise<{ id: string }[]> {
  return db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.apiKeyId, apiKeyId), eq(webhookEndpoints.status, "active")));
}

/** Live keys with at least one active endpoint (whose feeds the fan-out follows). */
export async function keysWithActiveEndpoints(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: apiKeys.id })
    .from(apiKeys)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.apiKeyId, apiKeys.id))
    .where(and(isNull(apiKeys.revokedAt), eq(webhookEndpoints.status, "active")));
  return rows.map((r) => r.id);
}

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

export async function getDelivery(
  db: DbOrTx,
  endpointId: string,
  deliveryId: number,
): Promise<WebhookDelivery | null> {
  const [d] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId)));
  return d ?? null;
}

export async function insertDeliveries(
  db: DbOrTx,
  rows: (typeof webhookDeliveries.$inferInsert)[],
): Promise<WebhookDelivery[]> {
  return rows.length ? db.insert(webhookDeliveries).values(rows).returning() : [];
}

/** Stores a new signing secret; the previous one keeps signing until `previousExpiresAt` (null: stops now). */
export async function setEndpointSecret(
  db: DbOrTx,
  endpointId: string,
  s: {
    secretEncrypted: string;
    previousSecretEncrypted: string | null;
    previousSecretExpiresAt: Date | null;
  },
): Promise<void> {
  await db.update(webhookEndpoints).set(s).where(eq(webhookEndpoints.id, endpointId));
}

/** Turns a disabled endpoint back on; its failure streak starts afresh. */
export async function reenableEndpoint(db: DbOrTx, endpointId: string): Promise<void> {
  await db
    .update(webhookEndpoints)
    .set({ status: "active", disabledReason: null, failingSince: null, leaseUntil: null })
    .where(eq(webhookEndpoints.id, endpointId));
}

/** Keys with a disabled webhook endpoint (flagged in the list of keys), with how many. */
/** Per API key: how many webhook endpoints it has, and how many of them are disabled. */
export async function endpointCountsByKey(
  db: DbOrTx,
): Promise<Map<string, { total: number; disabled: number }>> {
  const rows = await db
    .select({ apiKeyId: webhookEndpoints.apiKeyId, status: webhookEndpoints.status })
    .from(webhookEndpoints);
  const counts = new Map<string, { total: number; disabled: number }>();
  for (const r of rows) {
    const c = counts.get(r.apiKeyId) ?? { total: 0, disabled: 0 };
    c.total++;
    if (r.status === "disabled") c.disabled++;
    counts.set(r.apiKeyId, c);
  }
  return counts;
}
