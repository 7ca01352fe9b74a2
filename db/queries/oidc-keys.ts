// The provider's signing keys: rows only (the private half arrives sealed). Which key signs, when keys are
// made and how long a retired key stays published is lib/oidc/keys.ts.
import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { JWK } from "jose";
import type { DbOrTx } from "../client";
import { oidcSigningKeys } from "../schema";

export type SigningKeyRow = typeof oidcSigningKeys.$inferSelect;

/** Advisory lock id: key creation and rotation serialise on it, so only one process makes the first key. */
const KEYS_LOCK = 727_001;
export const lockSigningKeys = (tx: DbOrTx) => tx.execute(sql`select pg_advisory_xact_lock(${KEYS_LOCK})`);

export async function activeSigningKeyRow(db: DbOrTx): Promise<SigningKeyRow | undefined> {
  const [row] = await db
    .select()
    .from(oidcSigningKeys)
    .where(isNull(oidcSigningKeys.retiredAt))
    .orderBy(desc(oidcSigningKeys.createdAt))
    .limit(1);
  return row;
}

export async function signingKeyRowByKid(db: DbOrTx, kid: string): Promise<SigningKeyRow | undefined> {
  const [row] = await db.select().from(oidcSigningKeys).where(eq(oidcSigningKeys.kid, kid));
  return row;
}

export async function insertSigningKey(
  db: DbOrTx,
  values: { kid: string; alg: string; publicJwk: JWK; privateKeyEnc: string },
): Promise<SigningKeyRow> {
  const [row] = await db.insert(oidcSigningKeys).values(values).returning();
  return row;
}

/** Retires the active key(s); each stays published for `publishSeconds`. Returns their kids. */
export async function retireActiveKeys(db: DbOrTx, publishSeconds: number): Promise<string[]> {
  const retired = await db
    .update(oidcSigningKeys)
    .set({ retiredAt: sql`now()`, publishUntil: sql`now() + make_interval(secs => ${publishSeconds})` })
    .where(isNull(oidcSigningKeys.retiredAt))
    .returning({ kid: oidcSigningKeys.kid });
  return retired.map((r) => r.kid);
}

/** The public keys of the active key and of retired keys still within their publication window. */
export async function publishedJwks(db: DbOrTx): Promise<JWK[]> {
  const rows = await db
    .select({ jwk: oidcSigningKeys.publicJwk })
    .from(oidcSigningKeys)
    .where(or(isNull(oidcSigningKeys.retiredAt), gt(oidcSigningKeys.publishUntil, sql`now()`)))
    .orderBy(desc(oidcSigningKeys.createdAt));
  return rows.map((r) => r.jwk as JWK);
}

/** Test hook: retired keys whose publication window has passed (as if their tokens had all expired). */
export async function expireRetiredKeys(db: DbOrTx): Promise<void> {
  await db
    .update(oidcSigningKeys)
    .set({ publishUntil: sql`now() - interval '1 second'` })
    .where(and(sql`${oidcSigningKeys.retiredAt} is not null`));
}
