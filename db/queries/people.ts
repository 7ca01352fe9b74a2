// People: reads for screens and the API, and writes through the outbox (record-writes.ts).
import { eq, sql, type SQL } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { badCursor, decodeCursor, encodeCursor } from "@/lib/pagination/keyset-cursor";
import { memberStatusFilterSql, memberStatusSql, type MemberStatus } from "@/lib/records/member-status";
import { validateCustomValues } from "@/lib/records/custom-values";
import type { PersonInput, PersonPatch } from "@/lib/records/people-input";
import type { DbOrTx } from "../client";
import { people, type ApprovalStatus } from "../schema";
import type { Actor } from "./changes";
import { listCustomFields } from "./custom-fields";
import { insertRecord, updateRecord } from "./record-writes";

export type Person = typeof people.$inferSelect;

export async function getPerson(db: DbOrTx, id: string): Promise<Person | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(people).where(eq(people.id, id));
  return row ?? null;
}

export const isUuid = (s: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

async function checkedCustom(db: DbOrTx, values: PersonInput["custom"], partial: boolean) {
  if (values === undefined) return undefined;
  return validateCustomValues(await listCustomFields(db, "person"), values, { partial });
}

function emailTaken(e: unknown): boolean {
  const err = e as {
    code?: string;
    constraint_name?: string;
    cause?: { code?: string; constraint_name?: string };
  };
  const c = err.cause ?? err;
  return c.code === "23505" && (c.constraint_name ?? "").includes("email");
}

export async function createPerson(
  db: DbOrTx,
  input: PersonInput,
  actor: Actor,
  extra: { approvalStatus?: ApprovalStatus; requestedCompanyId?: string | null } = {},
): Promise<Person> {
  const custom = (await checkedCustom(db, input.custom ?? {}, false)) ?? {};
  try {
    return await insertRecord<Person>(db, people, "person", { ...input, custom, ...extra }, actor);
  } catch (e) {
    if (emailTaken(e))
      throw new AppError("conflict", `Another person already uses the email ${input.email}.`, {
        fields: [{ field: "email", message: "Already in use" }],
      });
    throw e;
  }
}

export async function updatePerson(
  db: DbOrTx,
  id: string,
  patch: PersonPatch,
  actor: Actor,
  opts: { expectedVersion?: number } = {},
): Promise<Person> {
  // Validate before the transaction: inside it only `tx` may be used (PGlite has one connection).
  const custom = await checkedCustom(db, patch.custom, true);
  try {
    return await updateRecord<Person>(
      db,
      people,
      "person",
      id,
      (current) => ({ ...patch, ...(custom ? { custom: { ...current.custom, ...custom } } : {}) }),
      actor,
      { ...opts, what: "Person" },
    );
  } catch (e) {
    if (emailTaken(e))
      throw new AppError("conflict", `Another person already uses the email ${patch.email}.`, {
        fields: [{ field: "email", message: "Already in use" }],
      });
    throw e;
  }
}

/** Deactivated people stay on file but can no longer sign in. */
export function setPersonActive(db: DbOrTx, id: string, active: boolean, actor: Actor): Promise<Person> {
  return updateRecord<Person>(db, people, "person", id, () => ({ active }), actor, {
    op: active ? "reactivated" : "deactivated",
    what: "Person",
  });
}

/** Staff decision on a pending company link (Company Signup Protection). */
export function decidePendingSignup(
  db: DbOrTx,
  id: string,
  decision: "approve" | "reject",
  actor: Actor,
): Promise<Person> {
  return updateRecord<Person>(
    db,
    people,
    "person",
    id,
    (p) => {
      if (p.approvalStatus !== "pending_approval")
        throw new AppError("conflict", `${p.firstName} ${p.lastName} is not awaiting approval.`);
      return decision === "approve"
        ? { approvalStatus: "approved", companyId: p.requestedCompanyId, requestedCompanyId: null }
        : { approvalStatus: "rejected", requestedCompanyId: null };
    },
    actor,
    { what: "Person" },
  );
}

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

/** Prefix search over last name, first name and email; "ada love" means first "ada…" and last "love…". */
function searchSql(q: string): SQL | null {
  const words = q.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 3);
  if (words.length === 0) return null;
  const like = (w: string) => `${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (words.length === 1) {
    const w = like(words[0]);
    return sql`(lower(p.last_name) like ${w} or lower(p.first_name) like ${w} or lower(p.email) like ${w})`;
  }
  const [first, ...rest] = words;
  return sql`((lower(p.first_name) like ${like(first)} and lower(p.last_name) like ${like(rest.join(" "))}) or lower(p.last_name) like ${like(words.join(" "))})`;
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

/**
 * A keyset-paged list. A search first collects matching ids in a materialised CTE, so the planner
 * cannot walk the whole sort index discarding rows (perf-anchors.md).
 */
export async function listPeople(
  db: DbOrTx,
  opts: PeopleListFilter & { sort?: PeopleSort; after?: string; limit?: number },
): Promise<{ rows: PeopleListRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const sort = opts.sort ?? "name";
  const where = filterSql(opts);
  const search = opts.q ? searchSql(opts.q) : null;
  const after = decodeCursor(opts.after, 3);
  if (after && sort === "updated" && Number.isNaN(Date.parse(after[0]))) throw badCursor();
  if (after) {
    where.push(
      sort === "name"
        ? sql`(lower(p.last_name), lower(p.first_name), p.id) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)`
        : sql`(p.updated_at, p.id) < (${after[0]}::timestamptz, ${after[2]}::uuid)`,
    );
  }
  const order =
    sort === "name" ? sql`lower(p.last_name), lower(p.first_name), p.id` : sql`p.updated_at desc, p.id desc`;
  const typeJoin = opts.status ? sql`left join membership_types mt on mt.id = p.membership_type_id` : sql``;
  // A search first collects the matching rows in a materialised CTE (the prefix indexes answer it), and only
  // those are sorted; otherwise the planner walks the whole name index discarding rows (perf-anchors.md).
  // Without a search, the name index order with the filters is the fast path.
  const page = search
    ? sql`matched as materialized (
        select p.id, p.last_name, p.first_name, p.updated_at from people p ${typeJoin}
        where ${sql.join([search, ...where], sql` and `)}),
      page as (select p.id from matched p order by ${order} limit ${limit + 1})`
    : sql`page as materialized (
        select p.id from people p ${typeJoin}
        ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
        order by ${order} limit ${limit + 1})`;
  // Then decorate only the page's rows.
  const query = sql`
    with ${page}
    select p.id, p.first_name as "firstName", p.last_name as "lastName", p.email, p.job_title as "jobTitle",
      p.company_id as "companyId", c.name as "companyName", mt.name as "membershipTypeName",
      ${memberStatusSql("p", "mt")} as "memberStatus", p.expiry_date::text as "expiryDate", p.active,
      p.approval_status as "approvalStatus", p.updated_at::text as "updatedAt",
      lower(p.last_name) as "k1", lower(p.first_name) as "k2"
    from page join people p on p.id = page.id
    left join membership_types mt on mt.id = p.membership_type_id
    left join companies c on c.id = p.company_id
    order by ${order}`;
  const result = (await db.execute(query)) as unknown as (PeopleListRow & { k1: string; k2: string })[];
  const rows = result.slice(0, limit);
  const last = rows[rows.length - 1];
  const nextCursor =
    result.length > limit && last
      ? encodeCursor(sort === "name" ? [last.k1, last.k2, last.id] : [last.updatedAt, "", last.id])
      : null;
  return { rows: rows.map(({ k1: _k1, k2: _k2, ...r }) => r), nextCursor };
}

export async function countPeople(db: DbOrTx, opts: PeopleListFilter): Promise<number> {
  const where = filterSql(opts);
  const search = opts.q ? searchSql(opts.q) : null;
  if (search) where.push(search);
  const whereSql = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  const [row] = (await db.execute(
    sql`select count(*)::int as n from people p left join membership_types mt on mt.id = p.membership_type_id ${whereSql}`,
  )) as unknown as { n: number }[];
  return row.n;
}
