// Companies: reads and writes through the outbox.
import { asc, eq, sql } from "drizzle-orm";
import { validateCustomValues } from "@/lib/records/custom-values";
import type { CompanyInput, CompanyPatch } from "@/lib/records/people-input";
import type { DbOrTx } from "../client";
import { companies } from "../schema";
import type { Actor } from "./changes";
import { listCustomFields } from "./custom-fields";
import { isUuid } from "./people";
import { insertRecord, updateRecord } from "./record-writes";

export type Company = typeof companies.$inferSelect;

export async function getCompany(db: DbOrTx, id: string): Promise<Company | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(companies).where(eq(companies.id, id));
  return row ?? null;
}

export async function createCompany(db: DbOrTx, input: CompanyInput, actor: Actor): Promise<Company> {
  const custom = validateCustomValues(await listCustomFields(db, "company"), input.custom ?? {}, {
    partial: false,
  });
  return insertRecord<Company>(db, companies, "company", { ...input, custom }, actor);
}

export function updateCompany(
  db: DbOrTx,
  id: string,
  patch: CompanyPatch,
  actor: Actor,
  opts: { expectedVersion?: number } = {},
) {
  return updateRecord<Company>(
    db,
    companies,
    "company",
    id,
    async (current) => {
      const custom =
        patch.custom &&
        validateCustomValues(await listCustomFields(db, "company"), patch.custom, { partial: true });
      return { ...patch, ...(custom ? { custom: { ...current.custom, ...custom } } : {}) };
    },
    actor,
    { ...opts, what: "Company" },
  );
}

export function setCompanyActive(db: DbOrTx, id: string, active: boolean, actor: Actor) {
  return updateRecord<Company>(db, companies, "company", id, () => ({ active }), actor, {
    op: active ? "reactivated" : "deactivated",
    what: "Company",
  });
}

/** Companies a member may pick when signing up (active ones), by name. */
export function listCompanyChoices(db: DbOrTx) {
  return db
    .select({ id: companies.id, name: companies.name, signupProtected: companies.signupProtected })
    .from(companies)
    .where(eq(companies.active, true))
    .orderBy(asc(sql`lower(${companies.name})`));
}

/**
 * Company Signup Protection: a person linking themselves to a protected company is held for approval
 * unless their email's domain is one of the company's domains.
 */
export function needsSignupApproval(
  company: Pick<Company, "signupProtected" | "emailDomains">,
  email: string | null | undefined,
): boolean {
  if (!company.signupProtected) return false;
  const domain = email?.split("@")[1]?.toLowerCase();
  return !domain || !company.emailDomains.map((d) => d.toLowerCase()).includes(domain);
}
