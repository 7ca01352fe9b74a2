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
  if (!groupIds.length) return 0;
  const links = await db
    .select({ id: syncLinks.id })
    .from(syncLinks)
    .where(inArray(syncLinks.groupId, groupIds));
  for (const l of links) await requestSync(db, l.id, reason);
  return links.length;
}
