// User accounts: the sign-in identity of a person (or of a staff admin with no person record).
import { eq, sql } from "drizzle-orm";
import { AppError } from "@/lib/core/errors";
import { hashPassword } from "@/lib/auth/password";
import type { DbOrTx } from "../client";
import { people, users, type UserRole } from "../schema";
import { recordChange, type Actor } from "./changes";
import { snapshotOf } from "./record-writes";

export type User = typeof users.$inferSelect;

export async function findUserByEmail(db: DbOrTx, email: string): Promise<User | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return row ?? null;
}

/** The account with what sign-in and the guards need: role and whether its person is active. */
export async function getAccount(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      personId: users.personId,
      personActive: people.active,
      firstName: people.firstName,
      lastName: people.lastName,
    })
    .from(users)
    .leftJoin(people, eq(people.id, users.personId))
    .where(eq(users.id, userId));
  return row ?? null;
}

export type Account = NonNullable<Awaited<ReturnType<typeof getAccount>>>;

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
    const [row] = await tx
      .insert(users)
      .values({
        email: input.email.trim().toLowerCase(),
        passwordHash,
        role: input.role,
        personId: input.personId ?? null,
      })
      .returning();
    await recordChange(tx, {
      recordType: "user",
      recordId: row.id,
      op: "created",
      before: null,
      after: snapshotOf(row),
      actor,
    });
    return row;
  });
}

export async function setUserPassword(db: DbOrTx, userId: string, password: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, userId));
}

export async function markSignedIn(db: DbOrTx, userId: string): Promise<void> {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, userId));
}
