// Writing a company (custom values checked against their definitions) and Company Signup Protection, the
// rule every path that links a person to a company applies. Rows: db/queries/companies.ts.
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/db/queries/changes";
import { insertCompany, updateCompanyRecord, type Company } from "@/db/queries/companies";
import { listCustomFields } from "@/db/queries/custom-fields";
import { decideMembershipsNow } from "@/lib/changes/membership-now";
import type { CompanyInput, CompanyPatch } from "@/lib/schemas/records";
import { validateCustomValues } from "./custom-values";
import { checkReferences } from "./references";

export async function createCompany(db: DbOrTx, input: CompanyInput, actor: Actor): Promise<Company> {
  await checkReferences(db, input);
  const custom = validateCustomValues(await listCustomFields(db, "company"), input.custom ?? {}, {
    partial: false,
  });
  return insertCompany(db, { ...input, custom }, actor, decideMembershipsNow);
}

export async function updateCompany(
  db: DbOrTx,
  id: string,
  patch: CompanyPatch,
  actor: Actor,
  opts: { expectedVersion?: number } = {},
) {
  // Validate before the transaction: inside it only `tx` may be used (PGlite has one connection).
  await checkReferences(db, patch);
  const custom =
    patch.custom &&
    validateCustomValues(await listCustomFields(db, "company"), patch.custom, { partial: true });
  return updateCompanyRecord(
    db,
    id,
    (current) => ({ ...patch, ...(custom ? { custom: { ...current.custom, ...custom } } : {}) }),
    actor,
    { ...opts, afterWrite: decideMembershipsNow },
  );
}

export const setCompanyActive = (db: DbOrTx, id: string, active: boolean, actor: Actor) =>
  updateCompanyRecord(db, id, () => ({ active }), actor, {
    op: active ? "reactivated" : "deactivated",
    afterWrite: decideMembershipsNow,
  });

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
