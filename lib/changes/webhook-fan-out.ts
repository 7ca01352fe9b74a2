// Webhooks follow each key's changes feed (lib/api/changes-feed.ts): every entry the feed gives the key
// becomes one delivery per active endpoint, so a webhook can never show a record or field the feed would
// not. Each key keeps its own feed position (follower "webhooks:<key id>"); the position and the new
// deliveries are written in one transaction (a crash re-reads the batch, nothing is queued twice). The
// outbox is read only up to the group follower's cursor, so a write and the scope change it caused arrive
// together and in order.
import type { DbOrTx } from "@/db/client";
import { getApiKey } from "@/db/queries/api-keys";
import {
  advanceFollower,
  followerCursor,
  GROUP_FOLLOWER,
  lockFollower,
  webhookFollowerOf,
} from "@/db/queries/followers";
import { getSiteSettings } from "@/db/queries/site-settings";
import { activeEndpointsOf, insertDeliveries, keysWithActiveEndpoints } from "@/db/queries/webhooks";
import { feedHead, readChangesForKey, type FeedEntry } from "@/lib/api/changes-feed";
import { resolvedKeyOf } from "@/lib/api-keys/cache";
import { requestDelivery } from "@/lib/webhooks/delivery-events";
import { newMessageId } from "@/lib/webhooks/endpoints";

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

/** Moves one key's webhooks forward by up to BATCH feed entries: whether it moved, which endpoints to wake. */
async function fanOutKey(db: DbOrTx, apiKeyId: string): Promise<{ moved: boolean; endpoints: string[] }> {
  return db.transaction(async (tx) => {
    const name = webhookFollowerOf(apiKeyId);
    let { position } = await lockFollower(tx, name);
    if (position === null) {
      // Normally placed at the feed's head when the key got its endpoint (setWebhookUrls); else start there now.
      position = await feedHead(tx);
      await advanceFollower(tx, name, { position });
    }
    const row = await getApiKey(tx, apiKeyId);
    if (!row || row.revokedAt) return { moved: false, endpoints: [] };
    const endpoints = await activeEndpointsOf(tx, apiKeyId);
    const page = await readChangesForKey(tx, resolvedKeyOf(row), {
      cursor: position,
      limit: BATCH,
      outboxUpTo: await followerCursor(tx, GROUP_FOLLOWER),
    });
    if (page.next_cursor === position) return { moved: false, endpoints: [] };
    // Staging: deliveries are recorded as held and never sent.
    const held = !(await getSiteSettings(tx)).launched;
    const rows = page.data.flatMap((entry) => {
      const message = webhookMessageOf(entry);
      const payload = JSON.stringify(message);
      return endpoints.map((e) => ({
        endpointId: e.id,
        messageId: newMessageId(),
        eventType: message.type,
        payload,
        status: held ? ("held" as const) : ("pending" as const),
      }));
    });
    await insertDeliveries(tx, rows);
    await advanceFollower(tx, name, { position: page.next_cursor });
    return { moved: true, endpoints: held || !rows.length ? [] : endpoints.map((e) => e.id) };
  });
}

/**
 * Catches every key's webhooks up with the feed; asks for delivery after each commit. Returns batches. A key
 * whose batch fails does not hold the others back: they are all tried, then the failure is raised so the
 * consumer tries that key again soon.
 */
export async function fanOutWebhooksOnce(db: DbOrTx): Promise<number> {
  let batches = 0;
  const failures: unknown[] = [];
  for (const apiKeyId of await keysWithActiveEndpoints(db))
    try {
      for (;;) {
        const r = await fanOutKey(db, apiKeyId);
        if (!r.moved) break;
        batches++;
        for (const endpointId of r.endpoints) await requestDelivery(endpointId);
      }
    } catch (e) {
      failures.push(e);
    }
  if (failures.length)
    throw new AggregateError(failures, `webhook fan-out failed for ${failures.length} key(s)`);
  return batches;
}
