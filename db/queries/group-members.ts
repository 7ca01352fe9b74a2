// Reads of stored group membership: what API keys, syncs and SSO checks ask, and the Members tab.
import { ANY_TEXT, decodeCursor, encodeCursor } from "@/lib/core/cursor";
import { UUID } from "@/lib/core/ids";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import type { GroupRecordTypes, MemberRecordType } from "../schema";
import { isUuid } from "@/lib/core/ids";

/** Ids of the groups a record is in (stored membership, one indexed lookup). */
export async function listGroupIdsForRecord(
  db: DbOrTx,
  recordType: MemberRecordType,
  recordId: string,
): Promise<string[]> {
  if (!isUuid(recordId)) return [];
  const rows = (await db.execute(
    sql`select group_id::text as id from group_members where record_type = ${recordType} and record_id = ${recordId}::uuid order by group_id`,
  )) as unknown as { id: string }[];
  return rows.map((r) => r.id);
}

export async function isRecordInGroup(
  db: DbOrTx,
  groupId: string,
  recordType: MemberRecordType,
  recordId: string,
): Promise<boolean> {
  if (!isUuid(groupId) || !isUuid(recordId)) return false;
  const rows = (await db.execute(
    sql`select 1 from group_members where group_id = ${groupId}::uuid and record_type = ${recordType} and record_id = ${recordId}::uuid`,
  )) as unknown as unknown[];
  return rows.length > 0;
}

export async function countGroupMembers(db: DbOrTx, groupId: string): Promise<number> {
  const [row] = (await db.execute(
    sql`select count(*)::int as n from group_members where group_id = ${groupId}::uuid`,
  )) as unknown as { n: number }[];
  return row.n;
}

export type GroupMemberRow = {
  recordType: MemberRecordType;
  id: string;
  name: string;
  email: string | null;
};

const cursorOf = (r: { k: string; recordType: string; id: string }) =>
  encodeCursor("k", [r.k, r.recordType, r.id]);

/** A keyset-paged, searchable page of a group's members, ordered by name. */
export async function listGroupMembers(
  db: DbOrTx,
  groupId: string,
  opts: { after?: string; limit?: number; q?: string } = {},
): Promise<{ rows: GroupMemberRow[]; nextCursor: string | null }> {
  if (!isUuid(groupId)) return { rows: [], nextCursor: null };
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const after = decodeCursor(opts.after, "k", [ANY_TEXT, /^(person|company)$/, UUID], "after");
  const q = opts.q?.trim().toLowerCase() ?? "";
  const rows = (await db.execute(sql`
    select * from (
      select 'person' as "recordType", p.id::text as id, p.first_name || ' ' || p.last_name as name, p.email,
        lower(p.last_name || ' ' || p.first_name) as k
      from group_members m join people p on p.id = m.record_id
      where m.group_id = ${groupId}::uuid and m.record_type = 'person'
      union all
      select 'company', c.id::text, c.name, c.email, lower(c.name)
      from group_members m join companies c on c.id = m.record_id
      where m.group_id = ${groupId}::uuid and m.record_type = 'company'
    ) x
    where true
      ${q ? sql`and strpos(lower(x.name || ' ' || coalesce(x.email, '')), ${q}) > 0` : sql``}
      ${after ? sql`and (x.k, x."recordType", x.id) > (${after[0]}, ${after[1]}, ${after[2]})` : sql``}
    order by x.k, x."recordType", x.id
    limit ${limit + 1}`)) as unknown as (GroupMemberRow & { k: string })[];
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ k: _k, ...r }) => r),
    nextCursor: rows.length > limit && last ? cursorOf(last) : null,
  };
}

/** How many of the listed ids are people/companies of the given types (live count of a hand-picked draft). */
export async function countSpecificDraft(
  db: DbOrTx,
  recordTypes: GroupRecordTypes,
  ids: string[],
): Promise<number> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (!valid.length) return 0;
  const list = sql.join(
    valid.map((i) => sql`${i}::uuid`),
    sql`, `,
  );
  const [row] = (await db.execute(sql`select
      ${recordTypes !== "companies" ? sql`(select count(*) from people where id in (${list}))` : sql`0`}
      + ${recordTypes !== "people" ? sql`(select count(*) from companies where id in (${list}))` : sql`0`} as n`)) as unknown as {
    n: string;
  }[];
  return Number(row.n);
}
