// Companies: reads, and row writes through the outbox. The rules of writing one: lib/records/companies.ts.
import { asc, eq, sql, type SQL } from "drizzle-orm";
import { ANY_TEXT, decodeCursor, encodeCursor } from "@/lib/core/cursor";
import { UUID } from "@/lib/core/ids";
import { memberStatusFilterSql, memberStatusSql } from "@/db/schema/member-status";
import { type MemberStatus } from "@/lib/schemas/member-status";
import type { DbOrTx } from "../client";
import { companies, type ChangeOp } from "../schema";
import type { Actor } from "./changes";
import { isUuid } from "@/lib/core/ids";
import { insertRecord, updateRecord, type AfterWrite } from "./record-writes";

export type Company = typeof companies.$inferSelect;
export type NewCompany = typeof companies.$inferInsert;

export async function getCompany(db: DbOrTx, id: string): Promise<Company | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(companies).where(eq(companies.id, id));
  return row ?? null;
}

/** Inserts a company (values already validated) with its outbox row. */
export const insertCompany = (db: DbOrTx, values: NewCompany, actor: Actor, afterWrite: AfterWrite) =>
  insertRecord<Company>(db, companies, "company", values, actor, afterWrite);

/** Updates a company with what `patch` returns for the locked current row (see updateRecord). */
export const updateCompanyRecord = (
  db: DbOrTx,
  id: string,
  patch: (current: Company) => Partial<NewCompany>,
  actor: Actor,
  opts: { expectedVersion?: number; op?: ChangeOp; afterWrite: AfterWrite },
) => updateRecord<Company>(db, companies, "company", id, patch, actor, { ...opts, what: "Company" });

/** Companies a member may pick when signing up (active ones), by name. */
export function listCompanyChoices(db: DbOrTx) {
  return db
    .select({ id: companies.id, name: companies.name, signupProtected: companies.signupProtected })
    .from(companies)
    .where(eq(companies.active, true))
    .orderBy(asc(sql`lower(${companies.name})`));
}

export type CompanyListFilter = {
  q?: string;
  status?: MemberStatus;
  membershipTypeId?: string;
  active?: boolean;
  signupProtected?: boolean;
};
export type CompanySort = "name" | "updated";
export type CompanyListRow = {
  id: string;
  name: string;
  emailDomains: string[];
  signupProtected: boolean;
  membershipTypeName: string | null;
  memberStatus: MemberStatus;
  expiryDate: string | null;
  active: boolean;
  people: number;
  updatedAt: string;
};

// Names sort by code point, like people (people-list.ts): companies_sort_name_c_idx serves the order and
// the name prefix range, so the list walks it in order from the prefix and stops after a page.
const nameKey = sql`lower(c.name) collate "C"`;

function companyFilterSql(f: CompanyListFilter): SQL[] {
  const where: SQL[] = [];
  const q = f.q?.trim().toLowerCase();
  if (q) where.push(sql`${nameKey} like ${`${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`}`);
  if (f.status) where.push(memberStatusFilterSql("c", "mt", f.status));
  if (f.membershipTypeId) where.push(sql`c.membership_type_id = ${f.membershipTypeId}`);
  if (f.active !== undefined) where.push(sql`c.active = ${f.active}`);
  if (f.signupProtected !== undefined) where.push(sql`c.signup_protected = ${f.signupProtected}`);
  return where;
}

/** A keyset-paged company list, in the same shape as listPeople (name prefix search, filters, sort). */
export async function listCompanies(
  db: DbOrTx,
  opts: CompanyListFilter & { sort?: CompanySort; after?: string; limit?: number },
): Promise<{ rows: CompanyListRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const sort = opts.sort ?? "name";
  const where = companyFilterSql(opts);
  const after = decodeCursor(opts.after, "k", [ANY_TEXT, UUID]);
  if (after)
    where.push(
      sort === "name"
        ? sql`(${nameKey}, c.id) > (${after[0]}, ${after[1]}::uuid)`
        : sql`(c.updated_at, c.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`,
    );
  const order = sort === "name" ? sql`${nameKey}, c.id` : sql`c.updated_at desc, c.id desc`;
  const whereSql = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  const result = (await db.execute(sql`
    select c.id, c.name, c.email_domains as "emailDomains", c.signup_protected as "signupProtected",
      mt.name as "membershipTypeName", ${memberStatusSql("c", "mt")} as "memberStatus",
      c.expiry_date::text as "expiryDate", c.active, c.updated_at::text as "updatedAt",
      (select count(*)::int from people p where p.company_id = c.id) as "people", ${nameKey} as "k"
    from companies c
    left join membership_types mt on mt.id = c.membership_type_id
    ${whereSql}
    order by ${order}
    limit ${limit + 1}`)) as unknown as (CompanyListRow & { k: string })[];
  const rows = result.slice(0, limit);
  const last = rows[rows.length - 1];
  const nextCursor =
    result.length > limit && last
      ? encodeCursor("k", [sort === "name" ? last.k : last.updatedAt, last.id])
      : null;
  return { rows: rows.map(({ k: _k, ...r }) => r), nextCursor };
}

export async function countCompanies(db: DbOrTx, opts: CompanyListFilter): Promise<number> {
  const where = companyFilterSql(opts);
  const whereSql = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  const [row] = (await db.execute(
    sql`select count(*)::int as n from companies c left join membership_types mt on mt.id = c.membership_type_id ${whereSql}`,
  )) as unknown as { n: number }[];
  return row.n;
}

/** The Company Signup Protection queue: people waiting for staff to approve their company link. */
export async function listPendingSignups(db: DbOrTx, limit = 200) {
  return (await db.execute(sql`
    select p.id, p.first_name as "firstName", p.last_name as "lastName", p.email,
      p.created_at::text as "createdAt", c.id as "companyId", c.name as "companyName",
      c.email_domains as "companyDomains"
    from people p left join companies c on c.id = p.requested_company_id
    where p.approval_status = 'pending_approval'
    order by p.created_at, p.id
    limit ${limit}`)) as unknown as {
    id: string;
    firstName: string;
    lastName: string;
    email: string | null;
    createdAt: string;
    companyId: string | null;
    companyName: string | null;
    companyDomains: string[] | null;
  }[];
}
