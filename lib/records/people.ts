// Writing a person: custom values checked against their definitions, company links decided by Company
// Signup Protection (./company-link.ts) and the staff decision on a pending link, and group memberships decided in the write's transaction
// (lib/changes/membership-now.ts). Rows and their outbox entries: db/queries/people.ts.
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/db/queries/changes";
import { getCompany } from "@/db/queries/companies";
import { listCustomFields } from "@/db/queries/custom-fields";
import { insertPerson, updatePersonRecord, type Person } from "@/db/queries/people";
import type { ApprovalStatus, CustomValues } from "@/db/schema";
import { decideMembershipsNow } from "@/lib/changes/membership-now";
import { AppError } from "@/lib/core/errors";
import type { PersonInput, PersonPatch } from "@/lib/schemas/records";
import { validateCustomValues } from "./custom-values";
import { decideCompanyLink, type CompanyLinkPolicy } from "./company-link";
import { checkReferences } from "./references";

const direct: CompanyLinkPolicy = { kind: "direct" };

async function checkedCustom(db: DbOrTx, values: CustomValues | undefined, partial: boolean) {
  if (values === undefined) return undefined;
  return validateCustomValues(await listCustomFields(db, "person"), values, { partial });
}

type WriteOptions = {
  /** How a company link is decided (Company Signup Protection); "direct" by default (operators, seeds). */
  companyLink?: CompanyLinkPolicy;
};

export async function createPerson(
  db: DbOrTx,
  input: PersonInput,
  actor: Actor,
  opts: WriteOptions & { approvalStatus?: ApprovalStatus; requestedCompanyId?: string | null } = {},
): Promise<Person> {
  const { companyLink = direct, ...extra } = opts;
  await checkReferences(db, input);
  const custom = (await checkedCustom(db, input.custom ?? {}, false)) ?? {};
  const company = input.companyId ? await getCompany(db, input.companyId) : null;
  const link = input.companyId ? decideCompanyLink(company, input.email, null, companyLink) : {};
  return insertPerson(db, { ...input, custom, ...extra, ...link }, actor, decideMembershipsNow);
}

export async function updatePerson(
  db: DbOrTx,
  id: string,
  patch: PersonPatch,
  actor: Actor,
  opts: WriteOptions & { expectedVersion?: number } = {},
): Promise<Person> {
  const { companyLink = direct, ...rest } = opts;
  // Validate before the transaction: inside it only `tx` may be used (PGlite has one connection).
  await checkReferences(db, patch);
  const custom = await checkedCustom(db, patch.custom, true);
  const company = patch.companyId ? await getCompany(db, patch.companyId) : null;
  return updatePersonRecord(
    db,
    id,
    (current) => {
      const { companyId, ...fields } = patch;
      // Decided against the locked row: the email (new or stored) and the link it has or is waiting for.
      const link =
        companyId === undefined
          ? {}
          : decideCompanyLink(company, fields.email ?? current.email, current, companyLink);
      return { ...fields, ...link, ...(custom ? { custom: { ...current.custom, ...custom } } : {}) };
    },
    actor,
    { ...rest, afterWrite: decideMembershipsNow },
  );
}

/** Deactivated people stay on file but can no longer sign in. */
export const setPersonActive = (db: DbOrTx, id: string, active: boolean, actor: Actor): Promise<Person> =>
  updatePersonRecord(db, id, () => ({ active }), actor, {
    op: active ? "reactivated" : "deactivated",
    afterWrite: decideMembershipsNow,
  });

/** Staff decision on a pending company link (Company Signup Protection). */
export function decidePendingSignup(
  db: DbOrTx,
  id: string,
  decision: "approve" | "reject",
  actor: Actor,
): Promise<Person> {
  return updatePersonRecord(
    db,
    id,
    (p) => {
      if (p.approvalStatus !== "pending_approval")
        throw new AppError("conflict", `${p.firstName} ${p.lastName} is not awaiting approval.`);
      return decision === "approve"
        ? { approvalStatus: "approved", companyId: p.requestedCompanyId, requestedCompanyId: null }
        : { approvalStatus: "rejected", requestedCompanyId: null };
    },
    actor,
    { afterWrite: decideMembershipsNow },
  );
}
