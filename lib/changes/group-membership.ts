// The group follower of the change log: turns record, account, registration, company and group changes
// into membership updates (and entered_group / left_group log rows), in the follower's transaction.
import type { DbHandle, DbOrTx, Tx } from "@/db/client";
import type { ChangeRow } from "@/db/queries/changes";
import { GROUP_FOLLOWER, lockFollower } from "@/db/queries/followers";
import { peopleOfCompanies, personIdsOf } from "@/db/queries/people";
import { isUuid } from "@/lib/core/ids";
import { loadConditionContext, todayIso } from "@/lib/groups/context";
import { dependentGroups, isTimeBased } from "@/lib/groups/graph";
import { applyGroupDiff, reevaluateRecords } from "@/lib/groups/membership";
import { runFollowerOnce, type OutboxFollower } from "./engine";

type Snap = Record<string, unknown> | null;
const personIdIn = (s: Snap) => (typeof s?.personId === "string" ? s.personId : null);

export async function applyGroupChanges(tx: Tx, batch: ChangeRow[]): Promise<void> {
  const ctx = await loadConditionContext(tx);
  const people = new Map<string, number>();
  const companies = new Map<string, number>();
  const groupIds = new Map<string, number>();
  const users: string[] = [];
  const registrations: string[] = [];
  let everything: number | null = null;
  for (const ch of batch) {
    switch (ch.recordType) {
      case "person":
        people.set(ch.recordId, ch.cursor);
        break;
      case "company":
        companies.set(ch.recordId, ch.cursor);
        break;
      case "user":
      case "registration":
        // Updates carry only changed fields, so the person may have to be looked up.
        for (const id of [personIdIn(ch.before), personIdIn(ch.after)]) if (id) people.set(id, ch.cursor);
        (ch.recordType === "user" ? users : registrations).push(ch.recordId);
        break;
      case "group":
        groupIds.set(ch.recordId, ch.cursor);
        break;
      case "custom_field":
      case "membership_type":
        everything = ch.cursor; // a type's grace days or a field's choices can move anyone
        break;
    }
  }
  const last = batch[batch.length - 1].cursor;
  for (const id of await personIdsOf(tx, "users", users)) people.set(id, people.get(id) ?? last);
  for (const id of await personIdsOf(tx, "registrations", registrations))
    people.set(id, people.get(id) ?? last);

  const toDiff = new Map<string, number | null>();
  if (everything !== null) for (const id of ctx.groups.keys()) toDiff.set(id, everything);
  for (const [id, c] of groupIds) if (ctx.groups.has(id)) toDiff.set(id, c);
  for (const id of dependentGroups(ctx.groups, groupIds.keys())) toDiff.set(id, toDiff.get(id) ?? last);
  for (const [id, cause] of toDiff) await applyGroupDiff(tx, ctx.groups.get(id)!, ctx, cause);
  if (everything !== null) return; // every group was just recomputed in full

  // A company's fields decide its people's membership in groups with company-field conditions.
  for (const r of await peopleOfCompanies(tx, [...companies.keys()]))
    if (!people.has(r.id)) people.set(r.id, companies.get(r.c)!);
  const ids = (m: Map<string, number>) => [...m.keys()].filter((k) => isUuid(k));
  await reevaluateRecords(tx, "person", ids(people), ctx, (id) => people.get(id) ?? null);
  await reevaluateRecords(tx, "company", ids(companies), ctx, (id) => companies.get(id) ?? null);
}

export const groupFollower: OutboxFollower = {
  name: GROUP_FOLLOWER,
  log: "outbox",
  batchSize: 500,
  apply: applyGroupChanges,
};

/** Catches group membership up with the outbox now (CLI, tests, after writes from another process). */
export const catchUpGroups = (handle: Pick<DbHandle, "db" | "kind">) =>
  runFollowerOnce(handle, groupFollower);

/**
 * The daily job: groups whose membership depends on the date (member status, "expires within 30 days")
 * are recomputed as set differences, so people move in and out without being edited. Holds the group
 * follower's row so it never interleaves with a batch.
 */
export async function reevaluateTimeBasedGroups(
  db: DbOrTx,
  today = todayIso(),
): Promise<{ groups: number; entered: number; left: number }> {
  return db.transaction(async (tx) => {
    await lockFollower(tx, GROUP_FOLLOWER);
    const ctx = await loadConditionContext(tx, today);
    const out = { groups: 0, entered: 0, left: 0 };
    for (const g of ctx.groups.values()) {
      if (!isTimeBased(g, ctx)) continue;
      const r = await applyGroupDiff(tx, g, ctx, null);
      out.groups++;
      out.entered += r.entered;
      out.left += r.left;
    }
    return out;
  });
}
