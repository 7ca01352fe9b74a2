// What starts syncs on its own: an outbox follower (a synced field of a person changed, an account was
// created or removed, a group's definition changed) and a follower of the group membership log (someone
// entered or left a linked group). Both only request syncs; the run itself is debounced per link.
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbHandle, DbOrTx } from "@/db/client";
import { groupMembers, groupMembershipChanges, outboxFollowers, syncLinks } from "@/db/schema";
import { GROUP_FOLLOWER } from "@/lib/groups/follower";
import { startFollower, startWatcher, type ChangeRow, type FollowerSpec } from "@/lib/outbox/follower";
import { markSyncRequested } from "./triggers";

const norm = (f: string) => f.replace(/_/g, "").toLowerCase();
/** Person fields a connector sends or that decide eligibility. */
const syncedPersonFields = new Set(["firstname", "lastname", "email", "jobtitle", "companyid", "active"]);

/** Person ids and group ids a batch of outbox changes may affect. */
export function affectedBy(batch: ChangeRow[]): {
  personIds: string[];
  companyIds: string[];
  groupIds: string[];
} {
  const personIds = new Set<string>();
  const companyIds = new Set<string>();
  const groupIds = new Set<string>();
  for (const c of batch) {
    if (
      c.recordType === "person" &&
      (c.op !== "updated" || c.changedFields.some((f) => syncedPersonFields.has(norm(f))))
    )
      personIds.add(c.recordId);
    if (c.recordType === "user") {
      const pid = (c.after?.personId ?? c.before?.personId) as string | undefined;
      if (pid) personIds.add(pid);
    }
    if (c.recordType === "company" && c.changedFields.some((f) => norm(f) === "name" || norm(f) === "active"))
      companyIds.add(c.recordId);
    if (c.recordType === "group") groupIds.add(c.recordId);
  }
  return { personIds: [...personIds], companyIds: [...companyIds], groupIds: [...groupIds] };
}

async function linkedGroupsOf(
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

const safely = async (f: () => Promise<unknown>) => {
  try {
    await f();
  } catch (e) {
    // No executor in this process (CLI, tests): the hourly reconciliation catches up.
    console.warn("[sync watch] could not request a sync:", (e as Error).message);
  }
};

export const syncTriggerFollower: FollowerSpec = {
  name: "sync-triggers",
  batchSize: 500,
  apply: async (tx, batch) => {
    const a = affectedBy(batch);
    const groups = new Set([
      ...a.groupIds,
      ...(await linkedGroupsOf(tx, "person", a.personIds)),
      ...(await linkedGroupsOf(tx, "company", a.companyIds)),
    ]);
    const send = await markSyncRequested(tx, [...groups], "records changed");
    return () => safely(send);
  },
};

const MEMBERSHIP_CURSOR = "sync-membership";

/** Requests syncs for linked groups with entries/exits after our cursor; returns how many it saw. */
export async function followMembershipOnce(db: DbOrTx): Promise<number> {
  let send = async () => {};
  const seen = await db.transaction(async (tx) => {
    await tx.insert(outboxFollowers).values({ name: MEMBERSHIP_CURSOR }).onConflictDoNothing();
    const [row] = await tx.execute(
      sql`select cursor from outbox_followers where name = ${MEMBERSHIP_CURSOR} for update`,
    );
    const cursor = Number((row as { cursor: string | number }).cursor);
    const changes = await tx
      .select({ cursor: groupMembershipChanges.cursor, groupId: groupMembershipChanges.groupId })
      .from(groupMembershipChanges)
      .where(gt(groupMembershipChanges.cursor, cursor))
      .orderBy(asc(groupMembershipChanges.cursor))
      .limit(5000);
    if (!changes.length) return 0;
    send = await markSyncRequested(
      tx,
      [...new Set(changes.map((c) => c.groupId))],
      "members entered or left",
    );
    await tx
      .update(outboxFollowers)
      .set({ cursor: changes[changes.length - 1].cursor, updatedAt: new Date() })
      .where(eq(outboxFollowers.name, MEMBERSHIP_CURSOR));
    return changes.length;
  });
  await safely(send);
  return seen;
}

/** Started with the app (lib/server-services.ts). */
export async function startSyncWatch(handle: Pick<DbHandle, "db" | "sql" | "kind">) {
  const follower = await startFollower(handle, syncTriggerFollower, { pollMs: 30_000 });
  // The group follower writes the membership log: look each time it advances, with a slow safety poll
  // (a second-by-second poll cost more CPU than anything else in an idle app on PGlite).
  const membership = await startWatcher(
    handle,
    {
      name: MEMBERSHIP_CURSOR,
      runOnce: async () => {
        let seen = 0;
        for (let n = await followMembershipOnce(handle.db); n > 0; n = await followMembershipOnce(handle.db))
          seen += n;
        return seen;
      },
      after: [GROUP_FOLLOWER],
    },
    { pollMs: 30_000 },
  );
  return {
    stop: async () => {
      await membership.stop();
      await follower.stop();
    },
  };
}
