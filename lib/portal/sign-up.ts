// Member self-signup from the compass: the person and their member account are created together, and
// choosing a company applies Company Signup Protection (lib/records/company-link.ts: a foreign email domain
// waits for staff approval).
import { AppError, fromZodError } from "@/lib/core/errors";
import { signUpSchema } from "@/lib/schemas/account";
import type { DbOrTx } from "@/db/client";
import { getCompany } from "@/db/queries/companies";
import { type Person } from "@/db/queries/people";
import { createPerson } from "@/lib/records/people";
import { findUserByEmail, type User } from "@/db/queries/users";
import { createUser } from "@/lib/auth/accounts";

export type SignUpResult = { person: Person; user: User; pending: boolean };

export async function signUpMember(db: DbOrTx, raw: unknown): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error);
  const { password, companyId, ...name } = parsed.data;

  if (companyId) {
    const company = await getCompany(db, companyId);
    if (!company || !company.active)
      throw new AppError("invalid_input", "companyId: that company is not available", {
        fields: [{ field: "companyId", message: "Choose a company from the list" }],
      });
  }

  // One answer whether the email belongs to an account or to a person without one (staff-entered, say): an
  // anonymous visitor learns only that this email cannot sign up, not what the association holds about it.
  if (await findUserByEmail(db, name.email)) throw emailUnavailable();

  try {
    return await db.transaction(async (tx) => {
      const person = await createPerson(tx, { ...name, companyId: companyId ?? null }, "self-signup", {
        companyLink: { kind: "protect" },
      });
      const user = await createUser(
        tx,
        { email: name.email, password, role: "member", personId: person.id },
        "self-signup",
      );
      return { person, user, pending: person.approvalStatus === "pending_approval" };
    });
  } catch (e) {
    // The unique indexes decide under a race, and for a person without an account.
    if (e instanceof AppError && e.code === "conflict") throw emailUnavailable();
    throw e;
  }
}

const emailUnavailable = () =>
  new AppError(
    "conflict",
    "This email cannot be used to sign up. If you already have an account, sign in (or reset your password); otherwise contact the association.",
    { fields: [{ field: "email", message: "This email cannot be used to sign up" }] },
  );
