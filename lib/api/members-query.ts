// Members (people and companies) as one keyset-paged list in the key's scope. The group scope is a join
// on the stored membership table (group_members, kept current by the group follower), never a filter in
// memory. Deactivated records are outside every key's scope (the changes feed sends them as tombstones).
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { executePrepared, queryOfShape } from "@/db/prepared";
import { decodeCursor, encodeCursor } from "@/lib/core/cursor";
import { isUuid, UUID } from "@/lib/core/ids";
import { memberStatusSql } from "@/lib/records/member-status";
import type { FieldSet } from "@/lib/schemas/member-fields";
import { MAX_MEMBER_PAGE } from "./schemas";
import type { ResolvedKey } from "./key-cache";

export type MemberRow = Record<string, unknown> & { id: string; type: "person" | "company"; version: number };
/** Whose members: the group scope, and the fields to select (all of them when absent). */
type Scope = Pick<ResolvedKey, "limitMemberData" | "groupId"> & { fieldSet?: FieldSet };

const groupOf = (k: Scope) => (k.limitMemberData && k.groupId ? k.groupId : null);

const escapeLike = (w: string) => `${w.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// Timestamps leave the database as the API's ISO 8601 text (UTC, milliseconds), so no row pays for a
// Date round trip in the app.
const isoText = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const raw = (text: string) => sql.raw(text);

type Columns = Record<string, SQL>;
const personColumns: Columns = {
  id: raw("p.id"),
  first_name: raw("p.first_name"),
  last_name: raw("p.last_name"),
  name: raw("null::text"),
  updated_at: isoText("p.updated_at"),
  email: raw("p.email"),
  phone: raw("p.phone"),
  job_title: raw("p.job_title"),
  company_id: raw("p.company_id"),
  bio: raw("p.bio"),
  profile_image_url: raw("p.profile_image_url"),
  social_links: raw("p.social_links"),
  email_domains: raw("null::text[]"),
  membership_type_id: raw("p.membership_type_id"),
  membership_type: raw("mt.name"),
  member_status: memberStatusSql("p", "mt"),
  join_date: raw("p.join_date::text"),
  expiry_date: raw("p.expiry_date::text"),
  approval_status: raw("p.approval_status::text"),
  created_at: isoText("p.created_at"),
  custom: raw("p.custom"),
};
const companyColumns: Columns = {
  id: raw("c.id"),
  first_name: raw("null::text"),
  last_name: raw("null::text"),
  name: raw("c.name"),
  updated_at: isoText("c.updated_at"),
  email: raw("c.email"),
  phone: raw("null::text"),
  job_title: raw("null::text"),
  company_id: raw("null::uuid"),
  bio: raw("null::text"),
  profile_image_url: raw("null::text"),
  social_links: raw("null::jsonb"),
  email_domains: raw("c.email_domains"),
  membership_type_id: raw("c.membership_type_id"),
  membership_type: raw("mt.name"),
  member_status: memberStatusSql("c", "mt"),
  join_date: raw("c.join_date::text"),
  expiry_date: raw("c.expiry_date::text"),
  approval_status: raw("null::text"),
  created_at: isoText("c.created_at"),
  custom: raw("c.custom"),
};
const allColumns = Object.keys(personColumns);
const needsMembershipType = (cols: string[]) =>
  cols.includes("membership_type") || cols.includes("member_status");

/**
 * Only the columns the key may see are read (fewer bytes to read, send and parse); the key's schema
 * still narrows every row (project.ts), so this is about speed, not the guarantee.
 */
function columnsOf(k: Scope): string[] {
  if (!k.fieldSet) return allColumns;
  const wanted = new Set(k.fieldSet.fields);
  if (k.fieldSet.custom) wanted.add("custom");
  return allColumns.filter((c) => wanted.has(c));
}

/**
 * `walk`: the select for a page ordered by id. Scoped to a group, it walks the group's membership index
 * in record order and looks each record up (a lateral subquery kept apart by OFFSET 0), so the plan cannot
 * depend on the cursor: these run as prepared statements, and a generic plan that merge-joins the whole
 * people table from its first id (not knowing the cursor) made deep pages 100× slower.
 * Otherwise (lookups by id) the group is an ordinary join.
 */
function memberSelect(k: Scope, type: "person" | "company", where: SQL[], walk = false): SQL {
  const [alias, table, columns] =
    type === "person"
      ? (["p", "people", personColumns] as const)
      : (["c", "companies", companyColumns] as const);
  const cols = columnsOf(k);
  const g = groupOf(k);
  // In a group walk the id is read from the membership row (equal to the record's by the join), so the
  // planner knows the rows come out ordered by `id` (see pageQuery).
  const column = (c: string) => (c === "id" && g && walk ? raw("gm.record_id") : columns[c]);
  const list = sql.join(
    [
      raw(`'${type}' as type`),
      ...cols.map((c) => sql`${column(c)} as ${sql.identifier(c)}`),
      raw(`${alias}.version`),
    ],
    sql`, `,
  );
  // The group is a placeholder (callers pass `{ group }`), so one text serves every key of a shape.
  const inGroup = sql`gm.group_id = ${sql.placeholder("group")} and gm.record_type = ${raw(`'${type}'`)}`;
  const from = !g
    ? raw(`${table} ${alias}`)
    : walk
      ? sql`group_members gm join lateral (select * from ${raw(table)} r where r.id = gm.record_id offset 0) ${raw(alias)} on true`
      : sql`${raw(`${table} ${alias}`)} join group_members gm on ${inGroup} and gm.record_id = ${raw(alias)}.id`;
  const conditions = [raw(`${alias}.active`), ...(g && walk ? [inGroup] : []), ...where];
  const typeJoin = needsMembershipType(cols)
    ? raw(`left join membership_types mt on mt.id = ${alias}.membership_type_id`)
    : sql``;
  return sql`select ${list} from ${from} ${typeJoin} where ${sql.join(conditions, sql` and `)}`;
}

export const encodeMemberCursor = (id: string) => encodeCursor("m", [id]);
const decodeMemberCursor = (cursor: string) => decodeCursor(cursor, "m", [UUID])![0];

export type MemberListOpts = {
  type?: "person" | "company";
  q?: string;
  updatedSince?: string;
  limit: number;
  cursor?: string;
};

/**
 * The cache key of a members query's text (`queryOfShape`): what it is for, whether it joins a group, and
 * the columns the key may see. Values (group, ids, cursor…) are placeholders, never part of the text.
 */
const shapeOf = (kind: string, key: Scope) => `${kind}|${!!groupOf(key)}|${columnsOf(key).join(",")}`;

/** One page ordered by id (stable for a walk by cursor); people and companies interleave by id. */
export async function listMembersInScope(
  db: DbOrTx,
  key: Scope,
  o: MemberListOpts,
): Promise<{ rows: MemberRow[]; nextCursor: string | null }> {
  if (o.limit > MAX_MEMBER_PAGE) throw new Error(`page size ${o.limit} is over ${MAX_MEMBER_PAGE}`);
  const after = o.cursor ? decodeMemberCursor(o.cursor) : null;
  const q = o.q?.trim();
  const filters = { type: o.type, after: !!after, since: !!o.updatedSince, search: !!q };
  const rows = await executePrepared<MemberRow>(
    db,
    queryOfShape(shapeOf(`page ${JSON.stringify(filters)}`, key), () => pageQuery(key, filters)),
    {
      group: groupOf(key),
      after,
      since: o.updatedSince,
      like: q ? escapeLike(q) : null,
      n: o.limit + 1,
    },
  );
  const page = rows.slice(0, o.limit);
  const nextCursor = rows.length > o.limit ? encodeMemberCursor(page[page.length - 1].id) : null;
  return { rows: page, nextCursor };
}

type PageFilters = { type?: "person" | "company"; after: boolean; since: boolean; search: boolean };

/**
 * The page query of one shape; values are placeholders: group, after, since, like, n (limit + 1).
 *
 * A plain page (no search, no updated_since) has one good plan whatever the values: walk the index from
 * the cursor. Postgres would still plan it anew on every call (twice the database time of running it),
 * because a generic plan with `limit $n` is costed as if it read a tenth of the table. A constant cap
 * inside (the largest page) gives the generic plan its true, small cost, so Postgres keeps it; the outer
 * `order by id` costs nothing since the rows already come out in that order. Filtered pages keep
 * per-call plans: their best plan depends on how selective the search or date is.
 */
function pageQuery(key: Scope, f: PageFilters): SQL {
  // With a group, filter and order on gm.record_id: the group_members primary key (group_id, record_type,
  // record_id) then yields the page in order, and a type absent from the group costs one index probe.
  const scoped = !!groupOf(key);
  const by = (alias: string) => raw(scoped ? "gm.record_id" : `${alias}.id`);
  const n = sql.placeholder("n");
  const like = sql.placeholder("like");
  const plain = !f.search && !f.since;
  const part = (alias: "p" | "c") => {
    const w: SQL[] = [];
    if (f.after) w.push(sql`${by(alias)} > ${sql.placeholder("after")}::uuid`);
    if (f.since) w.push(sql`${raw(alias)}.updated_at >= ${sql.placeholder("since")}::timestamptz`);
    if (f.search)
      w.push(
        alias === "p"
          ? sql`(lower(p.last_name) like ${like} or lower(p.first_name) like ${like} or lower(p.email) like ${like})`
          : sql`lower(c.name) like ${like}`,
      );
    return w;
  };
  const ofType = (type: "person" | "company", alias: "p" | "c") => {
    const select = memberSelect(key, type, part(alias), true);
    return plain
      ? sql`(select * from (${select} order by ${by(alias)} limit ${raw(String(MAX_MEMBER_PAGE + 1))}) x order by id limit ${n})`
      : sql`(${select} order by ${by(alias)} limit ${n})`;
  };
  const parts: SQL[] = [];
  if (f.type !== "company") parts.push(ofType("person", "p"));
  if (f.type !== "person") parts.push(ofType("company", "c"));
  return parts.length === 1
    ? parts[0]
    : sql`select * from (${sql.join(parts, sql` union all `)}) m order by id limit ${n}`;
}

/** One member in scope, or null (outside the key's group looks exactly like nonexistent). */
export async function getMemberInScope(db: DbOrTx, key: Scope, id: string): Promise<MemberRow | null> {
  if (!isUuid(id)) return null;
  const one = sql.placeholder("id");
  const query = queryOfShape(
    shapeOf("one", key),
    () =>
      sql`(${memberSelect(key, "person", [sql`p.id = ${one}::uuid`])}) union all (${memberSelect(key, "company", [sql`c.id = ${one}::uuid`])})`,
  );
  const rows = await executePrepared<MemberRow>(db, query, { group: groupOf(key), id });
  return rows[0] ?? null;
}

/** How many records a key can see (the data contract preview). */
export async function countMembersInScope(db: DbOrTx, key: Scope): Promise<number> {
  const g = groupOf(key);
  const [row] = (await db.execute(
    g
      ? sql`select (select count(*) from people p join group_members gm on gm.group_id = ${g} and gm.record_type = 'person' and gm.record_id = p.id where p.active)
          + (select count(*) from companies c join group_members gm on gm.group_id = ${g} and gm.record_type = 'company' and gm.record_id = c.id where c.active) as n`
      : sql`select (select count(*) from people where active) + (select count(*) from companies where active) as n`,
  )) as unknown as { n: string | number }[];
  return Number(row.n);
}

/** Several members in scope by id (the changes feed), keyed by id. */
export async function getMembersInScopeByIds(
  db: DbOrTx,
  key: Scope,
  ids: string[],
): Promise<Map<string, MemberRow>> {
  if (ids.length === 0) return new Map();
  const list = sql`${sql.placeholder("ids")}::uuid[]`;
  const query = queryOfShape(
    shapeOf("many", key),
    () =>
      sql`(${memberSelect(key, "person", [sql`p.id = any(${list})`])}) union all (${memberSelect(key, "company", [sql`c.id = any(${list})`])})`,
  );
  const rows = await executePrepared<MemberRow>(db, query, {
    group: groupOf(key),
    ids: `{${ids.join(",")}}`,
  });
  return new Map(rows.map((r) => [r.id, r]));
}

/** Which of these ids are members of the key's group right now (any active state). */
export async function idsInGroup(db: DbOrTx, groupId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = (await db.execute(
    sql`select record_id::text as id from group_members where group_id = ${groupId} and record_id = any(${`{${ids.join(",")}}`}::uuid[])`,
  )) as unknown as { id: string }[];
  return new Set(rows.map((r) => r.id));
}
