// Writing a person: custom values checked against their definitions, the staff decision on a pending
// company link (Company Signup Protection), and group memberships decided in the write's transaction
// (lib/changes/membership-now.ts). Rows and their outbox entries: db/queries/people.ts.
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/db/queries/changes";
import { listCustomFields } from "@/db/queries/custom-fields";
import { insertPerson, updatePersonRecord, type Person } from "@/db/queries/people";
import type { ApprovalStatus, CustomValues } from "@/db/schema";
import { decideMembershipsNow } from "@/lib/changes/membership-now";
import { AppError } from "@/lib/core/errors";
import type { PersonInput, PersonPatch } from "@/lib/schemas/records";
import { validateCustomValues } from "./custom-values";
import { checkReferences } from "./references";

async function checkedCustom(db: DbOrTx, values: CustomValues | undefined, partial: boolean) {
  if (values === undefined) return undefined;
  return validateCustomValues(await listCustomFields(db, "person"), values, { partial });
}

export async function createPerson(
  db: DbOrTx,
  input: PersonInput,
  actor: Actor,
  extra: { approvalStatus?: ApprovalStatus; requestedCompanyId?: string | null } = {},
): Promise<Person> {
  await checkReferences(db, input);
  const custom = (await checkedCustom(db, input.custom ?? {}, false)) ?? {};
  return insertPerson(db, { ...input, custom, ...extra }, actor, decideMembershipsNow);
}

export async function updatePerson(
  db: DbOrTx,
  id: string,
  patch: PersonPatch,
  actor: Actor,
  opts: { expectedVersion?: number } = {},
): Promise<Person> {
  // Validate before the transaction: inside it only `tx` may be used (PGlite has one connection).
  await checkReferences(db, patch);
  const custom = await checkedCustom(db, patch.custom, true);
  return updatePersonRecord(
    db,
    id,
    (current) => ({ ...patch, ...(custom ? { custom: { ...current.custom, ...custom } } : {}) }),
    actor,
    { ...opts, afterWrite: decideMembershipsNow },
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
