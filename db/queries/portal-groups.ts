// The portal's My groups reads: one person's stored memberships in groups shown to members, and that
// person's own sync status on each of those groups' links (any vendor). Never anyone else's rows.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { groupMembers, groups, syncLinks, syncMembers } from "../schema";
import { isUuid } from "@/lib/core/ids";

/** The groups shown to members that this person is in (record type person), by name. */
export async function listVisibleGroupsOfPerson(db: DbOrTx, personId: string) {
  if (!isUuid(personId)) return [];
  return db
    .select({ id: groups.id, name: groups.name, description: groups.description })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(
      and(
        eq(groupMembers.recordType, "person"),
        eq(groupMembers.recordId, personId),
        eq(groups.visibleToMembers, true),
      ),
    )
    .orderBy(asc(sql`lower(${groups.name})`), asc(groups.id));
}

/**
 * Every sync link of these groups with this person's status on it; state is null when the link has not
 * recorded the person yet (no run since they joined).
 */
export async function listPersonSyncStatuses(db: DbOrTx, personId: string, groupIds: string[]) {
  if (!isUuid(personId) || !groupIds.length) return [];
  return db
    .select({
      groupId: syncLinks.groupId,
      vendor: syncLinks.vendor,
      remoteGroupName: syncLinks.remoteGroupName,
      state: syncMembers.state,
      reason: syncMembers.reason,
    })
    .from(syncLinks)
    .leftJoin(
      syncMembers,
      and(
        eq(syncMembers.linkId, syncLinks.id),
        eq(syncMembers.recordType, "person"),
        eq(syncMembers.recordId, personId),
      ),
    )
    .where(inArray(syncLinks.groupId, groupIds))
    .orderBy(asc(syncLinks.vendor), asc(syncLinks.id));
}
