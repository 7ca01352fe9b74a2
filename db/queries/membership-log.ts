// Stored group membership and its log: every entry and exit is written to group_membership_changes in the
// same statement flow as the change to group_members, in commit order (writers serialise on an advisory
// lock held to commit, like the change outbox), so followers of the log never skip an entry. Which records
// belong is decided by lib/groups (the compiled conditions); this file only applies the decision.
import { asc, gt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { groupMembershipChanges, type MemberRecordType } from "../schema";

/** All writers of the membership log serialise on this (held to commit), like the change outbox. */
export const MEMBERSHIP_LOG_LOCK = 7_402_212;

/**
 * Held to commit by every writer of stored membership. A re-decision takes it BEFORE it reads the records
 * (lib/groups/membership.ts reevaluateRecords): a concurrent write that moves a record out then cannot
 * commit its new data and membership between this reader's look at the record and its look at the stored
 * membership, which would otherwise write back the old "in" next to the new data.
 */
export const lockMembershipLog = (tx: DbOrTx) =>
  tx.execute(sql`select pg_advisory_xact_lock(${MEMBERSHIP_LOG_LOCK})`);

export type MembershipChangeRow = typeof groupMembershipChanges.$inferSelect;

/** Entries and exits after a cursor, oldest first. */
export function listMembershipChangesAfter(
  db: DbOrTx,
  cursor: number,
  limit = 500,
): Promise<MembershipChangeRow[]> {
  return db
    .select()
    .from(groupMembershipChanges)
    .where(gt(groupMembershipChanges.cursor, cursor))
    .orderBy(asc(groupMembershipChanges.cursor))
    .limit(limit);
}

/** The set difference of `wanted` and the stored members: rows (record_type, record_id, kind) to enter or leave. */
export function membershipDiffSql(groupId: string, wanted: SQL): SQL {
  return sql`select coalesce(d.record_type, m.record_type) as record_type,
      coalesce(d.record_id, m.record_id) as record_id,
      case when m.record_id is null then 'entered_group' else 'left_group' end as kind
    from (${wanted}) d
    full join (select record_type, record_id from group_members where group_id = ${groupId}::uuid) m
      on m.record_type = d.record_type and m.record_id = d.record_id
    where d.record_id is null or m.record_id is null`;
}

/**
 * Makes a group's stored members equal `wanted` (a query of (record_type, record_id) rows) in ONE pass:
 * a full join of wanted and stored members, inserts, deletes and log rows in one statement.
 */
export async function applyMembershipDiff(
  tx: DbOrTx,
  groupId: string,
  wanted: SQL,
  causeCursor: number | null,
): Promise<{ entered: number; left: number }> {
  await lockMembershipLog(tx);
  const [row] = (await tx.execute(sql`
    with diff as materialized (${membershipDiffSql(groupId, wanted)}),
    ins as (insert into group_members (group_id, record_type, record_id)
      select ${groupId}::uuid, record_type, record_id from diff where kind = 'entered_group'),
    del as (delete from group_members m using diff
      where m.group_id = ${groupId}::uuid and m.record_type = diff.record_type and m.record_id = diff.record_id
        and diff.kind = 'left_group'),
    log as (insert into group_membership_changes (group_id, record_type, record_id, kind, cause_cursor)
      select ${groupId}::uuid, record_type, record_id, kind, ${causeCursor}::bigint from diff
      order by kind, record_type, record_id returning kind)
    select count(*) filter (where kind = 'entered_group')::int as entered,
      count(*) filter (where kind = 'left_group')::int as left from log`)) as unknown as {
    entered: number;
    left: number;
  }[];
  return row;
}

/** The groups each of these records is stored in now. */
export async function storedGroupsOf(
  tx: DbOrTx,
  t: MemberRecordType,
  ids: string[],
): Promise<{ g: string; id: string }[]> {
  if (!ids.length) return [];
  return (await tx.execute(sql`select group_id::text as g, record_id::text as id from group_members
    where record_type = ${t} and record_id in (${sql.join(
      ids.map((x) => sql`${x}::uuid`),
      sql`, `,
    )})`)) as unknown as { g: string; id: string }[];
}

/** Adds and removes (group id, record id) pairs of one record type, logging each with its cause. */
export async function writeMemberships(
  tx: DbOrTx,
  t: MemberRecordType,
  add: [string, string][],
  remove: [string, string][],
  causeOf: (id: string) => number | null,
): Promise<void> {
  if (!add.length && !remove.length) return;
  await lockMembershipLog(tx);
  if (add.length)
    await tx.execute(
      sql`insert into group_members (group_id, record_type, record_id) values ${sql.join(
        add.map(([g, id]) => sql`(${g}::uuid, ${t}, ${id}::uuid)`),
        sql`, `,
      )} on conflict do nothing`,
    );
  if (remove.length)
    await tx.execute(
      sql`delete from group_members where record_type = ${t} and (group_id, record_id) in (${sql.join(
        remove.map(([g, id]) => sql`(${g}::uuid, ${id}::uuid)`),
        sql`, `,
      )})`,
    );
  const log = [
    ...add.map(([g, id]) => sql`(${g}::uuid, ${t}, ${id}::uuid, 'entered_group', ${causeOf(id)}::bigint)`),
    ...remove.map(([g, id]) => sql`(${g}::uuid, ${t}, ${id}::uuid, 'left_group', ${causeOf(id)}::bigint)`),
  ];
  await tx.execute(
    sql`insert into group_membership_changes (group_id, record_type, record_id, kind, cause_cursor) values ${sql.join(log, sql`, `)}`,
  );
}

/** Every member leaves the group (logged), e.g. before the group is deleted. */
export async function removeAllMembers(tx: DbOrTx, groupId: string): Promise<void> {
  await lockMembershipLog(tx);
  await tx.execute(sql`insert into group_membership_changes (group_id, record_type, record_id, kind)
    select group_id, record_type, record_id, 'left_group' from group_members where group_id = ${groupId}::uuid
    order by record_type, record_id`);
  await tx.execute(sql`delete from group_members where group_id = ${groupId}::uuid`);
}

/** A group's log rows as a changes feed reads them. */
export type FeedLogRow = {
  cursor: number;
  type: string;
  id: string;
  op: string;
  at: Date;
  cause: number | null;
};

/**
 * One group's entries and exits after `after`, oldest first. With `causeUpTo`, it stops before the first
 * entry caused by an outbox write past that cursor (so a reader that follows the outbox only up to the
 * group follower sees each write with the membership change it caused).
 */
export async function readGroupLogForFeed(
  db: DbOrTx,
  o: { groupId: string; after: number; causeUpTo?: number; limit: number },
): Promise<FeedLogRow[]> {
  return (await db.execute(sql`select cursor::int8 as cursor, record_type as type, record_id::text as id, kind as op, created_at as at, cause_cursor::int8 as cause
    from group_membership_changes where group_id = ${o.groupId} and cursor > ${o.after}
      ${
        o.causeUpTo === undefined
          ? sql``
          : sql`and cursor < coalesce((select min(cursor) from group_membership_changes
              where group_id = ${o.groupId} and cursor > ${o.after} and cause_cursor > ${o.causeUpTo}), 9223372036854775807)`
      } order by cursor limit ${o.limit}`)) as unknown as FeedLogRow[];
}

/** The newest entry's cursor (0 when the log is empty). */
export async function latestMembershipCursor(db: DbOrTx): Promise<number> {
  const [row] = (await db.execute(
    sql`select coalesce(max(cursor), 0)::int8 as c from group_membership_changes`,
  )) as unknown as { c: string | number }[];
  return Number(row.c);
}
