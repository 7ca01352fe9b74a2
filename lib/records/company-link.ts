// Company Signup Protection, decided in one place for every path that sets or changes a person's company:
// API create and update, compass sign-up, and staff forms. A protected company with a person whose email
// domain is not one of its domains:
// - "protect" (self sign-up; an API key that follows the rules): the link waits for staff approval
//   (requested_company_id, pending_approval) and the person keeps the company they had;
// - "staff": staff may link anyway, but only as an explicit decision (the form's "Link anyway" box).
import type { Company } from "@/db/queries/companies";
import type { NewPerson } from "@/db/queries/people";
import { AppError } from "@/lib/core/errors";
import { needsSignupApproval } from "./companies";

export type CompanyLinkPolicy =
  { kind: "protect" } | { kind: "staff"; confirmed: boolean } | { kind: "direct" };

/**
 * The person columns a requested company change writes. `company` is the requested company (looked up by
 * the caller, null to unlink); `current` is the person as stored (null when creating).
 */
export function decideCompanyLink(
  company: Pick<Company, "id" | "name" | "signupProtected" | "emailDomains"> | null,
  email: string | null | undefined,
  current: { companyId: string | null; requestedCompanyId: string | null } | null,
  policy: CompanyLinkPolicy,
): Pick<NewPerson, "companyId" | "requestedCompanyId" | "approvalStatus"> {
  if (!company) return { companyId: null };
  // Asking again for the link already made, or already waiting, changes nothing.
  if (current?.companyId === company.id) return {};
  if (policy.kind === "direct" || !needsSignupApproval(company, email))
    return { companyId: company.id, ...(current?.requestedCompanyId ? clearedRequest : {}) };
  if (policy.kind === "protect")
    return {
      companyId: current?.companyId ?? null,
      requestedCompanyId: company.id,
      approvalStatus: "pending_approval",
    };
  if (!policy.confirmed)
    throw new AppError(
      "invalid_input",
      `companyId: ${company.name} protects sign-ups and this email's domain is not one of its domains; confirm with "Link anyway"`,
      {
        fields: [
          {
            field: "companyId",
            message: `${company.name} protects sign-ups and this email's domain is not one of its domains. Tick "Link anyway" to link this person yourself.`,
          },
        ],
      },
    );
  return { companyId: company.id, ...clearedRequest };
}

// Linking by decision settles any waiting request.
const clearedRequest = { requestedCompanyId: null, approvalStatus: "approved" as const };
