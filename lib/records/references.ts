// A record may point only at a company and a membership type that exist: checked before the write, so an
// unknown id is a 400 naming the field instead of a foreign-key failure in the database.
import type { DbOrTx } from "@/db/client";
import { getCompany } from "@/db/queries/companies";
import { getMembershipType } from "@/db/queries/membership-types";
import { AppError, type FieldIssue } from "@/lib/core/errors";

export async function checkReferences(
  db: DbOrTx,
  refs: { companyId?: string | null; membershipTypeId?: string | null },
): Promise<void> {
  const issues: FieldIssue[] = [];
  if (refs.companyId && !(await getCompany(db, refs.companyId)))
    issues.push({ field: "companyId", message: "No such company" });
  if (refs.membershipTypeId && !(await getMembershipType(db, refs.membershipTypeId)))
    issues.push({ field: "membershipTypeId", message: "No such membership type" });
  if (issues.length)
    throw new AppError("invalid_input", issues.map((i) => `${i.field}: ${i.message}`).join("; "), {
      fields: issues,
    });
}
