// The people list (staff screen, event registration picker): prefix search, filters, keyset pages, counts.
import { sql, type SQL } from "drizzle-orm";
import { ANY_TEXT, badCursor, decodeCursor, encodeCursor } from "@/lib/core/cursor";
import { UUID } from "@/lib/core/ids";
import { memberStatusFilterSql, memberStatusSql } from "@/db/schema/member-status";
import { type MemberStatus } from "@/lib/schemas/member-status";
import type { DbOrTx } from "../client";
import type { ApprovalStatus } from "../schema";

export type PeopleListFilter = {
  q?: string;
  status?: MemberStatus;
  membershipTypeId?: string;
  active?: boolean;
  approvalStatus?: ApprovalStatus;
  companyId?: string;
};
export type PeopleSort = "name" | "updated";
export type PeopleListRow = {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  jobTitle: string | null;
  companyId: string | null;
  companyName: string | null;
  membershipTypeName: string | null;
  memberStatus: MemberStatus;
  expiryDate: string | null;
  active: boolean;
  approvalStatus: ApprovalStatus;
  updatedAt: string;
};

// Names sort by code point ("C"), the order PGlite's databases have anyway: the same list order on every
// database, and people_sort_name_c_idx then serves both the name order and last-name prefix ranges.
const k1 = sql`lower(p.last_name) collate "C"`;
const k2 = sql`lower(p.first_name) collate "C"`;
const nameOrder = sql`k1, k2, id`;

const likePrefix = (w: string) => `${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Prefix search over last name, first name and email; "ada love" means first "ada…" and last "love…".
 * `byLastName` conditions each hold a last-name prefix, so the sort index can walk them in name order;
 * `other` (first name or email only) has no index in name order: its matches are collected, then sorted.
 */
function searchSql(q: string | undefined): { byLastName: SQL[]; other: SQL | null } | null {
  const words = (q ?? "").trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 3);
  if (words.length === 0) return null;
  if (words.length === 1) {
    const w = likePrefix(words[0]);
    return {
      byLastName: [sql`${k1} like ${w}`],
      other: sql`(lower(p.first_name) like ${w} or lower(p.email) like ${w})`,
    };
  }
  const [first, ...rest] = words;
  return {
    byLastName: [
      sql`(${k1} like ${likePrefix(rest.join(" "))} and lower(p.first_name) like ${likePrefix(first)})`,
      sql`${k1} like ${likePrefix(words.join(" "))}`,
    ],
    other: null,
  };
}

function anySearch(s: { byLastName: SQL[]; other: SQL | null }): SQL {
  const all = s.other ? [...s.byLastName, s.other] : s.byLastName;
  return sql`(${sql.join(all, sql` or `)})`;
}

function filterSql(f: PeopleListFilter): SQL[] {
  const where: SQL[] = [];
  if (f.status) where.push(memberStatusFilterSql("p", "mt", f.status));
  if (f.membershipTypeId) where.push(sql`p.membership_type_id = ${f.membershipTypeId}`);
  if (f.active !== undefined) where.push(sql`p.active = ${f.active}`);
  if (f.approvalStatus) where.push(sql`p.approval_status = ${f.approvalStatus}`);
  if (f.companyId) where.push(sql`p.company_id = ${f.companyId}`);
  return where;
}

const and = (parts: SQL[]) => (parts.length ? sql`where ${sql.join(parts, sql` and `)}` : sql``);

/**
 * A keyset-paged list. The page's ids are chosen first (with their sort keys), and only those rows are
 * decorated. By name with a search, each last-name branch walks people_sort_name_c_idx inside its prefix
 * range and stops after a page; the first-name/email matches are collected in a materialised CTE (else
 * the planner walks the whole sort index discarding rows: perf-anchors.md, "planner trap"); the union of
 * those few candidates gives the page.
 */
export async function listPeople(
  db: DbOrTx,
  opts: PeopleListFilter & { sort?: PeopleSort; after?: string; limit?: number },
): Promise<{ rows: PeopleListRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const byName = (opts.sort ?? "name") === "name";
  const where = filterSql(opts);
  const search = searchSql(opts.q);
  const after = decodeCursor(opts.after, "k", [ANY_TEXT, ANY_TEXT, UUID]);
  if (after && !byName && Number.isNaN(Date.parse(after[0]))) throw badCursor();
  if (after) {
    where.push(
      byName
        ? sql`(${k1}, ${k2}, p.id) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)`
        : sql`(p.updated_at, p.id) < (${after[0]}::timestamptz, ${after[2]}::uuid)`,
    );
  }
  const order = byName ? nameOrder : sql`updated_at desc, id desc`;
  const typeJoin = opts.status ? sql`left join membership_types mt on mt.id = p.membership_type_id` : sql``;
  const keys = sql`p.id, ${k1} as k1, ${k2} as k2, p.updated_at`;
  const n = limit + 1;
  let ctes: SQL;
  if (search && byName) {
    const branches = search.byLastName.map(
      (s) =>
        sql`(select ${keys} from people p ${typeJoin} ${and([s, ...where])} order by ${order} limit ${n})`,
    );
    const other = search.other
      ? sql`other as materialized (select ${keys} from people p ${typeJoin} ${and([search.other, ...where])}),`
      : sql``;
    if (search.other) branches.push(sql`(select * from other order by ${order} limit ${n})`);
    ctes = sql`${other} page as materialized (
      select * from (${sql.join(branches, sql` union `)}) u order by ${order} limit ${n})`;
  } else if (search) {
    // By last update: no index orders the matches, so collect them all (the prefix indexes find them).
    ctes = sql`matched as materialized (select ${keys} from people p ${typeJoin} ${and([anySearch(search), ...where])}),
      page as materialized (select * from matched order by ${order} limit ${n})`;
  } else {
    // No search: the sort index (or people_updated_idx) in order, with the filters, is the fast path.
    ctes = sql`page as materialized (select ${keys} from people p ${typeJoin} ${and(where)} order by ${order} limit ${n})`;
  }
  const pageOrder = byName ? sql`page.k1, page.k2, page.id` : sql`page.updated_at desc, page.id desc`;
  // Then decorate only the page's rows.
  const query = sql`
    with ${ctes}
    select p.id, p.first_name as "firstName", p.last_name as "lastName", p.email, p.job_title as "jobTitle",
      p.company_id as "companyId", c.name as "companyName", mt.name as "membershipTypeName",
      ${memberStatusSql("p", "mt")} as "memberStatus", p.expiry_date::text as "expiryDate", p.active,
      p.approval_status as "approvalStatus", p.updated_at::text as "updatedAt", page.k1, page.k2
    from page join people p on p.id = page.id
    left join membership_types mt on mt.id = p.membership_type_id
    left join companies c on c.id = p.company_id
    order by ${pageOrder}`;
  const result = (await db.execute(query)) as unknown as (PeopleListRow & { k1: string; k2: string })[];
  const rows = result.slice(0, limit);
  const last = rows[rows.length - 1];
  const nextCursor =
    result.length > limit && last
      ? encodeCursor("k", byName ? [last.k1, last.k2, last.id] : [last.updatedAt, "", last.id])
      : null;
  return { rows: rows.map(({ k1: _k1, k2: _k2, ...r }) => r), nextCursor };
}

function countSql(opts: PeopleListFilter): { from: SQL; where: SQL } {
  const where = filterSql(opts);
  const search = searchSql(opts.q);
  if (search) where.push(anySearch(search));
  const typeJoin = opts.status ? sql`left join membership_types mt on mt.id = p.membership_type_id` : sql``;
  return { from: sql`people p ${typeJoin}`, where: and(where) };
}

export async function countPeople(db: DbOrTx, opts: PeopleListFilter): Promise<number> {
  const { from, where } = countSql(opts);
  const [row] = (await db.execute(sql`select count(*)::int as n from ${from} ${where}`)) as unknown as {
    n: number;
  }[];
  return row.n;
}

/**
 * The count for a list screen's heading, stopping at `cap`: `{ n: cap, more: true }` reads "1,000+".
 * An exact count of a broad filter reads every matching row (≈ 20 ms at 100,000 people); this stops early.
 */
export async function countPeopleUpTo(
  db: DbOrTx,
  opts: PeopleListFilter,
  cap = 1000,
): Promise<{ n: number; more: boolean }> {
  const { from, where } = countSql(opts);
  const [row] = (await db.execute(
    sql`select count(*)::int as n from (select 1 from ${from} ${where} limit ${cap + 1}) x`,
  )) as unknown as { n: number }[];
  return row.n > cap ? { n: cap, more: true } : { n: row.n, more: false };
}
