// User accounts: the sign-in identity of a person (or of a staff admin with no person record).
import { eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { people, users, type UserRole } from "../schema";
import { recordChange, type Actor } from "./changes";
import { snapshotOf, type AfterWrite } from "./record-writes";

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
      sessionVersion: users.sessionVersion,
      firstName: people.firstName,
      lastName: people.lastName,
    })
    .from(users)
    .leftJoin(people, eq(people.id, users.personId))
    .where(eq(users.id, userId));
  return row ?? null;
}

export type Account = NonNullable<Awaited<ReturnType<typeof getAccount>>>;

/** Inserts an account (password already hashed, email already checked) with its outbox row. */
export async function insertUser(
  db: DbOrTx,
  values: { email: string; passwordHash: string; role: UserRole; personId: string | null },
  actor: Actor,
  afterWrite: AfterWrite,
): Promise<User> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(users).values(values).returning();
    const cursor = await recordChange(tx, {
      recordType: "user",
      recordId: row.id,
      op: "created",
      before: null,
      after: snapshotOf(row),
      actor,
    });
    if (cursor !== null) await afterWrite(tx, { recordType: "user", id: row.id, cursor, before: null, row });
    return row;
  });
}

export async function setUserPasswordHash(db: DbOrTx, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function markSignedIn(db: DbOrTx, userId: string): Promise<void> {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, userId));
}

/** Ends every session of the account (their cookies carry the old version). */
export async function bumpSessionVersion(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

/** The emails of these accounts, by id. */
export async function emailsOfUsers(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((u) => [u.id, u.email]));
}
