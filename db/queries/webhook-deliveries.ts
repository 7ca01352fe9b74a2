// The delivery queue of webhook endpoints: the lease that allows one attempt at a time per endpoint, the
// oldest pending delivery, and recording an attempt's outcome. What to send and when is
// lib/webhooks/delivery.ts.
import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "../schema";
import type { WebhookDelivery, WebhookEndpoint } from "./webhooks";

/** Takes the endpoint's lease until `until` when it is active and nobody holds it; null otherwise. */
export async function leaseEndpoint(
  db: DbOrTx,
  endpointId: string,
  now: Date,
  until: Date,
): Promise<WebhookEndpoint | null> {
  const [endpoint] = await db
    .update(webhookEndpoints)
    .set({ leaseUntil: until })
    .where(
      and(
        eq(webhookEndpoints.id, endpointId),
        eq(webhookEndpoints.status, "active"),
        or(isNull(webhookEndpoints.leaseUntil), lt(webhookEndpoints.leaseUntil, now)),
      ),
    )
    .returning();
  return endpoint ?? null;
}

export async function endpointStatus(db: DbOrTx, endpointId: string) {
  const [e] = await db
    .select({ status: webhookEndpoints.status })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, endpointId));
  return e?.status ?? null;
}

export const releaseLease = (db: DbOrTx, endpointId: string) =>
  db.update(webhookEndpoints).set({ leaseUntil: null }).where(eq(webhookEndpoints.id, endpointId));

/** Ends every delivery still pending for the endpoint, with the reason. */
export async function failPending(db: DbOrTx, endpointId: string, why: string, now: Date) {
  await db
    .update(webhookDeliveries)
    .set({ status: "failed", lastError: why, finishedAt: now, nextAttemptAt: null })
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, "pending")));
}

/** Pending deliveries become held (the site went back to staging). */
export async function holdPending(db: DbOrTx, endpointId: string) {
  await db
    .update(webhookDeliveries)
    .set({ status: "held", nextAttemptAt: null })
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, "pending")));
}

/** The endpoint's oldest pending delivery (the receiver sees them in order). */
export async function oldestPending(db: DbOrTx, endpointId: string): Promise<WebhookDelivery | null> {
  const [head] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, "pending")))
    .orderBy(asc(webhookDeliveries.id))
    .limit(1);
  return head ?? null;
}

export const hasPending = async (db: DbOrTx, endpointId: string) =>
  (await oldestPending(db, endpointId)) !== null;

/** One attempt's outcome: the attempt row, the delivery's new state, and the endpoint's. */
export async function recordAttempt(
  tx: DbOrTx,
  endpointId: string,
  a: {
    attempt: Omit<typeof webhookAttempts.$inferInsert, "id">;
    delivery: Partial<typeof webhookDeliveries.$inferInsert>;
    endpoint: Partial<typeof webhookEndpoints.$inferInsert>;
  },
): Promise<void> {
  await tx.insert(webhookAttempts).values(a.attempt);
  await tx.update(webhookDeliveries).set(a.delivery).where(eq(webhookDeliveries.id, a.attempt.deliveryId));
  await tx.update(webhookEndpoints).set(a.endpoint).where(eq(webhookEndpoints.id, endpointId));
}

/** Endpoints with deliveries due and nobody delivering them (a lost event, a crashed run, the CLI wrote). */
export async function endpointsNeedingDelivery(db: DbOrTx, now = new Date()): Promise<string[]> {
  const rows = (await db.execute(sql`
    select distinct d.endpoint_id::text as id
    from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
    where d.status = 'pending' and e.status = 'active'
      and (e.lease_until is null or e.lease_until < ${now.toISOString()})
      and coalesce(d.next_attempt_at, d.created_at) < ${new Date(now.getTime() - 30_000).toISOString()}`)) as unknown as {
    id: string;
  }[];
  return rows.map((r) => r.id);
}
