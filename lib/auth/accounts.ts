// User accounts: who may sign in, and creating an account or setting its password (Argon2id hashes,
// one account per email). Rows: db/queries/users.ts.
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/db/queries/changes";
import {
  findUserByEmail,
  insertUser,
  setUserPasswordHash,
  type Account,
  type User,
} from "@/db/queries/users";
import type { UserRole } from "@/db/schema";
import { decideMembershipsNow } from "@/lib/changes/membership-now";
import { AppError } from "@/lib/core/errors";
import { hashPassword } from "./password";

/** Only an active person (or a staff admin without a person record) may sign in. */
export const canSignIn = (a: Pick<Account, "personId" | "personActive">) =>
  a.personId === null || a.personActive === true;

export async function createUser(
  db: DbOrTx,
  input: { email: string; password: string; role: UserRole; personId?: string | null },
  actor: Actor,
): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (await findUserByEmail(tx, input.email)) {
      throw new AppError("conflict", `An account with the email ${input.email} already exists.`, {
        fields: [{ field: "email", message: "Already in use" }],
      });
    }
    return insertUser(
      tx,
      {
        email: input.email.trim().toLowerCase(),
        passwordHash,
        role: input.role,
        personId: input.personId ?? null,
      },
      actor,
      decideMembershipsNow,
    );
  });
}

export async function setUserPassword(db: DbOrTx, userId: string, password: string): Promise<void> {
  await setUserPasswordHash(db, userId, await hashPassword(password));
}
