// Asking for a sync: remember when (so a run in progress plans again at its end) and send the event.
import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { syncLinks } from "@/db/schema";
import { sendEvent } from "@/inngest/send";

export async function requestSync(db: DbOrTx, linkId: string, reason: string): Promise<void> {
  await db.update(syncLinks).set({ requestedAt: new Date() }).where(eq(syncLinks.id, linkId));
  await sendEvent("guildhall/sync.requested", { linkId, reason });
}

/** Requests a sync of every link of these groups (any vendor). */
export async function requestSyncForGroups(db: DbOrTx, groupIds: string[], reason: string): Promise<number> {
  const send = await markSyncRequested(db, groupIds, reason);
  await send();
  return groupIds.length;
}

/**
 * Inside a transaction: records that these groups' links need a sync, and returns the event sends to run
 * after the commit (the executor ingests events with its own database access, which must not wait on ours).
 */
export async function markSyncRequested(
  db: DbOrTx,
  groupIds: string[],
  reason: string,
): Promise<() => Promise<void>> {
  if (!groupIds.length) return async () => {};
  const links = await db
    .select({ id: syncLinks.id })
    .from(syncLinks)
    .where(inArray(syncLinks.groupId, groupIds));
  if (!links.length) return async () => {};
  await db
    .update(syncLinks)
    .set({ requestedAt: new Date() })
    .where(
      inArray(
        syncLinks.id,
        links.map((l) => l.id),
      ),
    );
  return async () => {
    for (const l of links) await sendEvent("guildhall/sync.requested", { linkId: l.id, reason });
  };
}
