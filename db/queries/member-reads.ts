// Members (people and companies) as the API reads them: one keyset-paged list, lookups by id, counts.
// WHICH members and columns is decided by the caller (lib/api-keys/scope.ts) and given here as a shape: a
// group (a join on the stored membership, group_members, never a filter in memory) or none, and the
// columns to read. Deactivated records are never read here.
import { sql, type SQL } from "drizzle-orm";
import { isUuid } from "@/lib/core/ids";
import type { DbOrTx } from "../client";
import { executePrepared, queryOfShape } from "../prepared";
import { memberStatusSql } from "../schema/member-status";

export type MemberRow = Record<string, unknown> & { id: string; type: "person" | "company"; version: number };
/** Whose members (a group, or every active record) and which columns (MEMBER_COLUMNS when absent). */
export type MemberShape = { groupId: string | null; columns?: string[] };

/** The largest page a members list returns. */
export const MAX_MEMBER_PAGE = 200;

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
/** Every column a member row can carry (`custom` holds the custom field values). */
export const MEMBER_COLUMNS = Object.keys(personColumns);
const needsMembershipType = (cols: string[]) =>
  cols.includes("membership_type") || cols.includes("member_status");
const columnsOf = (k: MemberShape) => k.columns ?? MEMBER_COLUMNS;

/**
 * `walk`: the select for a page ordered by id. Scoped to a group, it walks the group's membership index
 * in record order and looks each record up (a lateral subquery kept apart by OFFSET 0), so the plan cannot
 * depend on the cursor: these run as prepared statements, and a generic plan that merge-joins the whole
 * people table from its first id (not knowing the cursor) made deep pages 100× slower.
 * Otherwise (lookups by id) the group is an ordinary join.
 */
function memberSelect(k: MemberShape, type: "person" | "company", where: SQL[], walk = false): SQL {
  const [alias, table, columns] =
    type === "person"
      ? (["p", "people", personColumns] as const)
      : (["c", "companies", companyColumns] as const);
  const cols = columnsOf(k);
  const g = k.groupId;
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

export type MemberListOpts = {
  type?: "person" | "company";
  q?: string;
  updatedSince?: string;
  limit: number;
  /** The id of the last member of the previous page. */
  after?: string | null;
};

/**
 * The cache key of a members query's text (`queryOfShape`): what it is for, whether it joins a group, and
 * the columns the key may see. Values (group, ids, cursor…) are placeholders, never part of the text.
 */
const shapeOf = (kind: string, key: MemberShape) => `${kind}|${!!key.groupId}|${columnsOf(key).join(",")}`;

/** One page ordered by id (stable for a walk by cursor); people and companies interleave by id. */
export async function listMembers(
  db: DbOrTx,
  key: MemberShape,
  o: MemberListOpts,
): Promise<{ rows: MemberRow[]; more: boolean }> {
  if (o.limit > MAX_MEMBER_PAGE) throw new Error(`page size ${o.limit} is over ${MAX_MEMBER_PAGE}`);
  const after = o.after ?? null;
  const q = o.q?.trim();
  const filters = { type: o.type, after: !!after, since: !!o.updatedSince, search: !!q };
  const rows = await executePrepared<MemberRow>(
    db,
    queryOfShape(shapeOf(`page ${JSON.stringify(filters)}`, key), () => pageQuery(key, filters)),
    {
      group: key.groupId,
      after,
      since: o.updatedSince,
      like: q ? escapeLike(q) : null,
      n: o.limit + 1,
    },
  );
  return { rows: rows.slice(0, o.limit), more: rows.length > o.limit };
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
function pageQuery(key: MemberShape, f: PageFilters): SQL {
  // With a group, filter and order on gm.record_id: the group_members primary key (group_id, record_type,
  // record_id) then yields the page in order, and a type absent from the group costs one index probe.
  const scoped = !!key.groupId;
  const by = (alias: string) => raw(scoped ? "gm.record_id" : `${alias}.id`);
  const n = sql.placeholder("n");
  const like = sql.placeholder("like");
  const plain = !f.search && !f.since;
  const part = (alias: "p" | "c") => {
    const w: SQL[] = [];
    if (f.after) w.push(sql`${by(alias)} > ${sql.placeholder("after")}::uuid`);
    if (f.since) w.push(sql`${raw(alias)}.updated_at >= ${sql.placeholder("since")}::timestamptz`);
    // A search matches only columns the shape reads (names always; email only when the key may see it),
    // so a search can never reveal a field the key may not read.
    if (f.search)
      w.push(
        alias === "p"
          ? sql`(lower(p.last_name) like ${like} or lower(p.first_name) like ${like}${
              columnsOf(key).includes("email") ? sql` or lower(p.email) like ${like}` : sql``
            })`
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

/** One member of the shape, or null (outside the group looks exactly like nonexistent). */
export async function getMember(db: DbOrTx, key: MemberShape, id: string): Promise<MemberRow | null> {
  if (!isUuid(id)) return null;
  const one = sql.placeholder("id");
  const query = queryOfShape(
    shapeOf("one", key),
    () =>
      sql`(${memberSelect(key, "person", [sql`p.id = ${one}::uuid`])}) union all (${memberSelect(key, "company", [sql`c.id = ${one}::uuid`])})`,
  );
  const rows = await executePrepared<MemberRow>(db, query, { group: key.groupId, id });
  return rows[0] ?? null;
}

/** How many active records the shape holds. */
export async function countMembers(db: DbOrTx, key: MemberShape): Promise<number> {
  const g = key.groupId;
  const [row] = (await db.execute(
    g
      ? sql`select (select count(*) from people p join group_members gm on gm.group_id = ${g} and gm.record_type = 'person' and gm.record_id = p.id where p.active)
          + (select count(*) from companies c join group_members gm on gm.group_id = ${g} and gm.record_type = 'company' and gm.record_id = c.id where c.active) as n`
      : sql`select (select count(*) from people where active) + (select count(*) from companies where active) as n`,
  )) as unknown as { n: string | number }[];
  return Number(row.n);
}

/** Several members of the shape by id, keyed by id. */
export async function getMembersByIds(
  db: DbOrTx,
  key: MemberShape,
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
    group: key.groupId,
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
