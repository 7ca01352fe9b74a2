// Members (people and companies) as one keyset-paged list in the key's scope. The group scope is a join
// on the stored membership table (group_members, kept current by the group follower), never a filter in
// memory. Deactivated records are outside every key's scope (the changes feed sends them as tombstones).
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { AppError } from "@/lib/errors";
import { memberStatusSql } from "@/lib/records/member-status";
import type { ResolvedKey } from "./key-cache";

export type MemberRow = Record<string, unknown> & { id: string; type: "person" | "company"; version: number };
type Scope = Pick<ResolvedKey, "limitMemberData" | "groupId">;

const groupOf = (k: Scope) => (k.limitMemberData && k.groupId ? k.groupId : null);

function scopeJoin(k: Scope, alias: "p" | "c", type: "person" | "company"): SQL {
  const g = groupOf(k);
  if (!g) return sql``;
  return sql`join group_members gm on gm.group_id = ${g} and gm.record_type = ${type} and gm.record_id = ${sql.raw(alias)}.id`;
}

const escapeLike = (w: string) => `${w.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function personSelect(k: Scope, where: SQL[]): SQL {
  return sql`select 'person' as type, p.id, p.first_name, p.last_name, null as name, p.email, p.phone,
      p.job_title, p.company_id, p.bio, p.profile_image_url, p.social_links, null::text[] as email_domains,
      p.membership_type_id, mt.name as membership_type, ${memberStatusSql("p", "mt")} as member_status,
      p.join_date::text as join_date, p.expiry_date::text as expiry_date, p.approval_status,
      p.created_at, p.updated_at, p.custom, p.version
    from people p ${scopeJoin(k, "p", "person")}
    left join membership_types mt on mt.id = p.membership_type_id
    where p.active ${where.length ? sql`and ${sql.join(where, sql` and `)}` : sql``}`;
}

function companySelect(k: Scope, where: SQL[]): SQL {
  return sql`select 'company' as type, c.id, null as first_name, null as last_name, c.name, c.email,
      null as phone, null as job_title, null::uuid as company_id, null as bio, null as profile_image_url,
      null::jsonb as social_links, c.email_domains, c.membership_type_id, mt.name as membership_type,
      ${memberStatusSql("c", "mt")} as member_status, c.join_date::text as join_date,
      c.expiry_date::text as expiry_date, null as approval_status, c.created_at, c.updated_at, c.custom,
      c.version
    from companies c ${scopeJoin(k, "c", "company")}
    left join membership_types mt on mt.id = c.membership_type_id
    where c.active ${where.length ? sql`and ${sql.join(where, sql` and `)}` : sql``}`;
}

export const encodeCursor = (id: string) => Buffer.from(`m:${id}`).toString("base64url");
function decodeCursor(cursor: string): string {
  const s = Buffer.from(cursor, "base64url").toString("utf8");
  const m = /^m:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(s);
  if (!m)
    throw new AppError(
      "invalid_input",
      "cursor: not a cursor issued by this API; pass next_cursor as given",
      {
        fields: [{ field: "cursor", message: "Not a cursor issued by this API" }],
      },
    );
  return m[1];
}

export type MemberListOpts = {
  type?: "person" | "company";
  q?: string;
  updatedSince?: string;
  limit: number;
  cursor?: string;
};

/** One page ordered by id (stable for a walk by cursor); people and companies interleave by id. */
export async function listMembersInScope(
  db: DbOrTx,
  key: Scope,
  o: MemberListOpts,
): Promise<{ rows: MemberRow[]; nextCursor: string | null }> {
  const after = o.cursor ? decodeCursor(o.cursor) : null;
  const q = o.q?.trim();
  // With a group, filter and order on gm.record_id: the group_members primary key (group_id, record_type,
  // record_id) then yields the page in order, and a type absent from the group costs one index probe.
  const scoped = !!groupOf(key);
  const part = (alias: "p" | "c") => {
    const a = sql.raw(scoped ? "gm" : alias);
    const w: SQL[] = [];
    if (after) w.push(scoped ? sql`gm.record_id > ${after}::uuid` : sql`${a}.id > ${after}::uuid`);
    if (o.updatedSince) w.push(sql`${sql.raw(alias)}.updated_at >= ${o.updatedSince}::timestamptz`);
    if (q) {
      const like = escapeLike(q);
      w.push(
        alias === "p"
          ? sql`(lower(p.last_name) like ${like} or lower(p.first_name) like ${like} or lower(p.email) like ${like})`
          : sql`lower(c.name) like ${like}`,
      );
    }
    return w;
  };
  const n = o.limit + 1;
  const parts: SQL[] = [];
  const by = (alias: string) => sql.raw(scoped ? "gm.record_id" : `${alias}.id`);
  if (o.type !== "company") parts.push(sql`(${personSelect(key, part("p"))} order by ${by("p")} limit ${n})`);
  if (o.type !== "person") parts.push(sql`(${companySelect(key, part("c"))} order by ${by("c")} limit ${n})`);
  const query =
    parts.length === 1
      ? parts[0]
      : sql`select * from (${sql.join(parts, sql` union all `)}) m order by id limit ${n}`;
  const rows = (await db.execute(query)) as unknown as MemberRow[];
  const page = rows.slice(0, o.limit);
  const nextCursor = rows.length > o.limit ? encodeCursor(page[page.length - 1].id) : null;
  return { rows: page, nextCursor };
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** One member in scope, or null (outside the key's group looks exactly like nonexistent). */
export async function getMemberInScope(db: DbOrTx, key: Scope, id: string): Promise<MemberRow | null> {
  if (!isUuid(id)) return null;
  const query = sql`(${personSelect(key, [sql`p.id = ${id}::uuid`])}) union all (${companySelect(key, [sql`c.id = ${id}::uuid`])})`;
  const rows = (await db.execute(query)) as unknown as MemberRow[];
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
  const list = sql`${`{${ids.join(",")}}`}::uuid[]`;
  const rows = (await db.execute(
    sql`(${personSelect(key, [sql`p.id = any(${list})`])}) union all (${companySelect(key, [sql`c.id = any(${list})`])})`,
  )) as unknown as MemberRow[];
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
