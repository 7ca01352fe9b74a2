// Links between a local group and a remote group, and their run status.
import { and, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { groupMembers, groups, syncLinks, syncOps, type SyncLinkStatus } from "../schema";

export type SyncLink = typeof syncLinks.$inferSelect;

export async function getSyncLink(db: DbOrTx, id: string): Promise<SyncLink | undefined> {
  const [row] = await db.select().from(syncLinks).where(eq(syncLinks.id, id));
  return row;
}

export async function getLinkForGroup(
  db: DbOrTx,
  vendor: string,
  groupId: string,
): Promise<SyncLink | undefined> {
  const [row] = await db
    .select()
    .from(syncLinks)
    .where(and(eq(syncLinks.vendor, vendor), eq(syncLinks.groupId, groupId)));
  return row;
}

export async function listSyncLinks(db: DbOrTx, vendor?: string) {
  return db
    .select({ link: syncLinks, groupName: groups.name })
    .from(syncLinks)
    .innerJoin(groups, eq(groups.id, syncLinks.groupId))
    .where(vendor ? eq(syncLinks.vendor, vendor) : undefined);
}

/** Remote group id → local group name, for links other than `exceptGroupId` (one-to-one dropdown). */
export async function linkedRemoteGroups(db: DbOrTx, vendor: string, exceptGroupId?: string) {
  const rows = await db
    .select({ remoteGroupId: syncLinks.remoteGroupId, groupName: groups.name })
    .from(syncLinks)
    .innerJoin(groups, eq(groups.id, syncLinks.groupId))
    .where(
      and(eq(syncLinks.vendor, vendor), exceptGroupId ? ne(syncLinks.groupId, exceptGroupId) : undefined),
    );
  return new Map(rows.map((r) => [r.remoteGroupId, r.groupName]));
}

export type LinkInput = { vendor: string; groupId: string; remoteGroupId: string; remoteGroupName: string };

/** Creates or re-points the group's link; a re-pointed link starts a fresh plan. */
export async function saveSyncLink(db: DbOrTx, input: LinkInput): Promise<SyncLink> {
  const [row] = await db
    .insert(syncLinks)
    .values({ ...input, status: "idle" })
    .onConflictDoUpdate({
      target: [syncLinks.vendor, syncLinks.groupId],
      set: {
        remoteGroupId: input.remoteGroupId,
        remoteGroupName: input.remoteGroupName,
        planId: null,
        pendingRemovals: null,
        approvedRemovals: null,
        updatedAt: new Date(),
      },
    })
    .returning();
  return row;
}

/** Unlink: forgets the link and its statuses; nobody is removed remotely. */
export async function deleteSyncLink(db: DbOrTx, vendor: string, groupId: string): Promise<boolean> {
  const rows = await db
    .delete(syncLinks)
    .where(and(eq(syncLinks.vendor, vendor), eq(syncLinks.groupId, groupId)))
    .returning({ id: syncLinks.id });
  return rows.length > 0;
}

export type StatusPatch = Partial<
  Pick<
    SyncLink,
    | "requestedAt"
    | "statusMessage"
    | "progressDone"
    | "progressTotal"
    | "lastSyncedAt"
    | "pendingRemovals"
    | "approvedRemovals"
    | "planId"
  >
> & { status?: SyncLinkStatus };

export async function setLinkStatus(db: DbOrTx, id: string, patch: StatusPatch): Promise<void> {
  await db
    .update(syncLinks)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(syncLinks.id, id));
}

export async function deleteOpsOfLink(db: DbOrTx, linkId: string): Promise<void> {
  await db.delete(syncOps).where(eq(syncOps.linkId, linkId));
}

export async function linksOfGroups(db: DbOrTx, groupIds: string[]): Promise<SyncLink[]> {
  if (!groupIds.length) return [];
  return db.select().from(syncLinks).where(inArray(syncLinks.groupId, groupIds));
}

/** The linked groups (any vendor) that any of these records belongs to. */
export async function linkedGroupsOf(
  db: DbOrTx,
  recordType: "person" | "company",
  ids: string[],
): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectDistinct({ groupId: groupMembers.groupId })
    .from(groupMembers)
    .innerJoin(syncLinks, eq(syncLinks.groupId, groupMembers.groupId))
    .where(and(eq(groupMembers.recordType, recordType), inArray(groupMembers.recordId, ids)));
  return rows.map((r) => r.groupId);
}
