// Authorization codes and access tokens of the OIDC provider (both stored hashed).
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { oidcAuthCodes, oidcTokens, people, users } from "../schema";

export type AuthCode = typeof oidcAuthCodes.$inferSelect;

export async function saveAuthCode(
  db: DbOrTx,
  code: Omit<AuthCode, "usedAt" | "expiresAt">,
  ttlSeconds: number,
): Promise<void> {
  await db
    .insert(oidcAuthCodes)
    .values({ ...code, expiresAt: sql`now() + make_interval(secs => ${ttlSeconds})` });
  // Housekeeping: codes are useless a minute after expiry; keep the table small.
  await db.delete(oidcAuthCodes).where(lt(oidcAuthCodes.expiresAt, sql`now() - interval '1 hour'`));
}

export type RedeemResult =
  { status: "ok"; code: AuthCode } | { status: "unknown" | "expired" } | { status: "reused"; code: AuthCode };

/** Marks a code used exactly once (atomic); a second redemption revokes what the first one issued. */
export async function redeemAuthCode(db: DbOrTx, codeHash: string): Promise<RedeemResult> {
  const [claimed] = await db
    .update(oidcAuthCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(oidcAuthCodes.codeHash, codeHash), isNull(oidcAuthCodes.usedAt)))
    .returning({ row: oidcAuthCodes, live: sql<boolean>`${oidcAuthCodes.expiresAt} > now()` });
  if (claimed) return claimed.live ? { status: "ok", code: claimed.row } : { status: "expired" };
  return explainUnclaimedCode(db, codeHash);
}

/** After a failed claim: an unknown code, or a reused one (then the tokens issued from it are revoked). */
export async function explainUnclaimedCode(
  db: DbOrTx,
  codeHash: string,
): Promise<{ status: "unknown" } | { status: "reused"; code: AuthCode }> {
  // A separate statement on purpose: it sees the token a concurrent first redemption committed meanwhile.
  const [existing] = await db.select().from(oidcAuthCodes).where(eq(oidcAuthCodes.codeHash, codeHash));
  if (!existing) return { status: "unknown" };
  await db
    .update(oidcTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(oidcTokens.codeHash, codeHash), isNull(oidcTokens.revokedAt)));
  return { status: "reused", code: existing };
}

export async function saveAccessToken(
  db: DbOrTx,
  token: { tokenHash: string; clientId: string; personId: string; scope: string; codeHash: string },
  ttlSeconds: number,
): Promise<void> {
  await db
    .insert(oidcTokens)
    .values({ ...token, expiresAt: sql`now() + make_interval(secs => ${ttlSeconds})` });
}

/** A live (unexpired, unrevoked) access token. */
export async function findLiveAccessToken(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select()
    .from(oidcTokens)
    .where(
      and(
        eq(oidcTokens.tokenHash, tokenHash),
        isNull(oidcTokens.revokedAt),
        gt(oidcTokens.expiresAt, sql`now()`),
      ),
    );
  return row ?? null;
}

/** Who a code is issued to: the person behind a user account, and whether they may sign in. */
export async function findSubjectByUser(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      personId: users.personId,
      active: people.active,
    })
    .from(users)
    .leftJoin(people, eq(people.id, users.personId))
    .where(eq(users.id, userId));
  return row ?? null;
}

/** The same, found from the person (an access token names the person, not the account). */
export async function findSubjectByPerson(db: DbOrTx, personId: string) {
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      personId: users.personId,
      active: people.active,
    })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .where(eq(users.personId, personId));
  return row ?? null;
}

/** Revokes one access token (its holder may no longer use the client). */
export async function revokeAccessToken(db: DbOrTx, tokenHash: string) {
  await db
    .update(oidcTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(oidcTokens.tokenHash, tokenHash), isNull(oidcTokens.revokedAt)));
}

/** The person with the fields the profile/email claims use. */
export async function getClaimsPerson(db: DbOrTx, personId: string) {
  const [row] = await db
    .select({
      id: people.id,
      firstName: people.firstName,
      lastName: people.lastName,
      email: people.email,
      accountEmail: users.email,
      active: people.active,
      updatedAt: people.updatedAt,
      userId: users.id,
    })
    .from(people)
    .leftJoin(users, eq(users.personId, people.id))
    .where(eq(people.id, personId));
  return row ?? null;
}
