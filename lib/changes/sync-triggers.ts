// What starts syncs on its own: a follower of the change outbox (a synced field of a person changed, an
// account was created or removed, a group's definition changed) and a follower of the group membership
// log (someone entered or left a linked group). Both only request syncs; the run itself is debounced per
// link (inngest/functions/sync-run.ts).
import type { ChangeRow } from "@/db/queries/changes";
import { linkedGroupsOf } from "@/db/queries/sync-links";
import { markSyncRequested } from "@/lib/sync/triggers";
import type { MembershipFollower, OutboxFollower } from "./engine";

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

const safely = async (f: () => Promise<unknown>) => {
  try {
    await f();
  } catch (e) {
    // No executor in this process (CLI, tests): the hourly reconciliation catches up.
    console.warn("[sync triggers] could not request a sync:", (e as Error).message);
  }
};

export const syncTriggerFollower: OutboxFollower = {
  name: "sync-triggers",
  log: "outbox",
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

/** Someone entered or left a group: its links need a sync. */
export const syncMembershipFollower: MembershipFollower = {
  name: "sync-membership",
  log: "membership",
  batchSize: 5000,
  apply: async (tx, batch) => {
    const send = await markSyncRequested(
      tx,
      [...new Set(batch.map((c) => c.groupId))],
      "members entered or left",
    );
    return () => safely(send);
  },
};
