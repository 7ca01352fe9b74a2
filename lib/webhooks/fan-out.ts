// Webhooks follow each key's changes feed (lib/api/changes-feed.ts): every entry the feed gives the key
// becomes one delivery per active endpoint, so a webhook can never show a record or field the feed would
// not. Each key keeps its own feed cursor; the cursor and the new deliveries are written in one
// transaction (a crash re-reads the batch, nothing is queued twice). The outbox is read only up to the
// group follower's cursor, so a write and the scope change it caused arrive together and in order.
import crypto from "node:crypto";
import { and, eq, exists, isNull, sql } from "drizzle-orm";
import type { DbHandle, DbOrTx, Tx } from "@/db/client";
import { ensureWebhookCursor } from "@/db/queries/api-keys-webhooks";
import { getSiteSettings } from "@/db/queries/site-settings";
import { apiKeys, webhookCursors, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { readChangesForKey, type FeedEntry } from "@/lib/api/changes-feed";
import { resolvedKeyOf } from "@/lib/api/key-cache";
import { GROUP_FOLLOWER } from "@/lib/groups/follower";
import { startWatcher } from "@/lib/outbox/follower";
import { endpointsNeedingDelivery } from "./delivery";
import { requestDelivery } from "./delivery-events";

const BATCH = 200;

/** The webhook body: one feed entry, named `<record type>.<what happened>`. */
export function webhookMessageOf(entry: FeedEntry) {
  return {
    type: `${entry.record_type}.${entry.reason}`,
    timestamp: entry.at,
    data: {
      id: entry.id,
      record_type: entry.record_type,
      op: entry.op,
      reason: entry.reason,
      cursor: entry.cursor,
      record: entry.data,
    },
  };
}

async function groupFollowerCursor(tx: Tx): Promise<number> {
  const [row] = (await tx.execute(
    sql`select cursor::int8 as c from outbox_followers where name = ${GROUP_FOLLOWER}`,
  )) as unknown as { c: string | number }[];
  return Number(row?.c ?? 0);
}

/** Moves one key's webhooks forward by up to BATCH feed entries: whether it moved, which endpoints to wake. */
async function fanOutKey(db: DbOrTx, apiKeyId: string): Promise<{ moved: boolean; endpoints: string[] }> {
  return db.transaction(async (tx) => {
    const cursorRow = () =>
      tx.select().from(webhookCursors).where(eq(webhookCursors.apiKeyId, apiKeyId)).for("update");
    let [cur] = await cursorRow();
    if (!cur) {
      // Normally set when the key got its endpoint (setWebhookUrls); otherwise start at the head too.
      await ensureWebhookCursor(tx, apiKeyId);
      [cur] = await cursorRow();
    }
    const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.id, apiKeyId));
    if (!row || row.revokedAt) return { moved: false, endpoints: [] };
    const endpoints = await tx
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.apiKeyId, apiKeyId), eq(webhookEndpoints.status, "active")));
    const page = await readChangesForKey(tx, resolvedKeyOf(row), {
      cursor: cur.feedCursor,
      limit: BATCH,
      outboxUpTo: await groupFollowerCursor(tx),
    });
    if (page.next_cursor === cur.feedCursor) return { moved: false, endpoints: [] };
    // Staging: deliveries are recorded as held and never sent.
    const held = !(await getSiteSettings(tx)).launched;
    const rows = page.data.flatMap((entry) => {
      const message = webhookMessageOf(entry);
      const payload = JSON.stringify(message);
      return endpoints.map((e) => ({
        endpointId: e.id,
        messageId: `msg_${crypto.randomUUID()}`,
        eventType: message.type,
        payload,
        status: held ? ("held" as const) : ("pending" as const),
      }));
    });
    if (rows.length) await tx.insert(webhookDeliveries).values(rows);
    await tx
      .update(webhookCursors)
      .set({ feedCursor: page.next_cursor, updatedAt: new Date() })
      .where(eq(webhookCursors.apiKeyId, apiKeyId));
    return { moved: true, endpoints: held || !rows.length ? [] : endpoints.map((e) => e.id) };
  });
}

/** Catches every key's webhooks up with the feed; asks for delivery after each commit. Returns batches. */
export async function fanOutWebhooksOnce(db: DbOrTx): Promise<number> {
  const keys = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(
      and(
        isNull(apiKeys.revokedAt),
        exists(
          db
            .select({ one: sql`1` })
            .from(webhookEndpoints)
            .where(and(eq(webhookEndpoints.apiKeyId, apiKeys.id), eq(webhookEndpoints.status, "active"))),
        ),
      ),
    );
  let batches = 0;
  for (const k of keys)
    for (;;) {
      const r = await fanOutKey(db, k.id);
      if (!r.moved) break;
      batches++;
      for (const endpointId of r.endpoints) await requestDelivery(endpointId);
    }
  return batches;
}

/** Asks again for endpoints with deliveries due that nobody is working on (lost event, crash, CLI write). */
export async function sweepWebhooks(db: DbOrTx): Promise<number> {
  const ids = await endpointsNeedingDelivery(db);
  for (const id of ids) await requestDelivery(id);
  return ids.length;
}

/** Started with the app (lib/server-services.ts): fan-out on every change, the sweep on each poll. */
export async function startWebhookFanOut(handle: Pick<DbHandle, "db" | "sql" | "kind">) {
  const watcher = await startWatcher(
    handle,
    { name: "webhooks", runOnce: () => fanOutWebhooksOnce(handle.db), after: [GROUP_FOLLOWER] },
    { pollMs: 10_000 },
  );
  const sweep = setInterval(
    () => void sweepWebhooks(handle.db).catch((e) => console.warn("[webhooks] sweep:", (e as Error).message)),
    30_000,
  );
  sweep.unref();
  return {
    stop: async () => {
      clearInterval(sweep);
      await watcher.stop();
    },
  };
}
