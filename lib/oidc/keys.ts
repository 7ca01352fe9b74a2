// Signing keys: generated on first use, kept in the database (private half encrypted), rotated on demand.
// A rotated-out key keeps being published in the JWKS until the tokens it signed have expired.
import crypto from "node:crypto";
import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import type { DbOrTx } from "@/db/client";
import { oidcSigningKeys } from "@/db/schema";
import { openSecret, sealSecret } from "@/lib/core/crypto";
import { RETIRED_KEY_PUBLISH_SECONDS, SIGNING_ALG } from "./config";

export type SigningKey = { kid: string; alg: string; key: CryptoKey };

// Decrypting and importing a key costs ~1 ms; the token endpoint signs on every call, so keep imported keys.
// A kid names one key for good (never reused, never changed), so this map needs no invalidation.
const imported = new Map<string, SigningKey>();
const LOCK = 727_001; // advisory lock id: only one process generates the first key

async function createKey(db: DbOrTx) {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const kid = crypto.randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: "sig" };
  const privateJwk = await exportJWK(privateKey);
  const [row] = await db
    .insert(oidcSigningKeys)
    .values({
      kid,
      alg: SIGNING_ALG,
      publicJwk,
      privateKeyEnc: sealSecret("oidc-keys", JSON.stringify(privateJwk)),
    })
    .returning();
  return row;
}

async function toSigningKey(row: typeof oidcSigningKeys.$inferSelect): Promise<SigningKey> {
  let signing = imported.get(row.kid);
  if (!signing) {
    const key = (await importJWK(
      JSON.parse(openSecret("oidc-keys", row.privateKeyEnc)) as JWK,
      row.alg,
    )) as CryptoKey;
    signing = { kid: row.kid, alg: row.alg, key };
    imported.set(row.kid, signing);
  }
  return signing;
}

const activeRow = async (db: DbOrTx) =>
  (
    await db
      .select()
      .from(oidcSigningKeys)
      .where(isNull(oidcSigningKeys.retiredAt))
      .orderBy(desc(oidcSigningKeys.createdAt))
      .limit(1)
  )[0];

/** The key that signs new tokens; created on first use. */
export async function getActiveSigningKey(db: DbOrTx): Promise<SigningKey> {
  const row = await activeRow(db);
  if (row) return toSigningKey(row);
  const created = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK})`);
    return (await activeRow(tx)) ?? (await createKey(tx));
  });
  return toSigningKey(created);
}

/**
 * The active key when the caller read its kid in a statement of its own (the token endpoint): imported keys
 * are kept by kid, so this costs no query, and a rotation takes effect on the very next request.
 */
export async function signingKeyFor(db: DbOrTx, activeKid: string | null): Promise<SigningKey> {
  if (activeKid === null) return getActiveSigningKey(db);
  const known = imported.get(activeKid);
  if (known) return known;
  const [row] = await db.select().from(oidcSigningKeys).where(eq(oidcSigningKeys.kid, activeKid));
  return row ? toSigningKey(row) : getActiveSigningKey(db);
}

/** Retires the active key(s) and creates a new one. Old keys stay in the JWKS until their tokens expire. */
export async function rotateSigningKeys(db: DbOrTx): Promise<{ kid: string; retired: string[] }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK})`);
    const retired = await tx
      .update(oidcSigningKeys)
      .set({
        retiredAt: sql`now()`,
        publishUntil: sql`now() + make_interval(secs => ${RETIRED_KEY_PUBLISH_SECONDS})`,
      })
      .where(isNull(oidcSigningKeys.retiredAt))
      .returning({ kid: oidcSigningKeys.kid });
    const row = await createKey(tx);
    return { kid: row.kid, retired: retired.map((r) => r.kid) };
  });
}

/** The public keys to publish: the active key and retired keys whose tokens may still be valid. */
export async function publishedKeys(db: DbOrTx): Promise<{ keys: JWK[] }> {
  await getActiveSigningKey(db);
  const rows = await db
    .select({ jwk: oidcSigningKeys.publicJwk })
    .from(oidcSigningKeys)
    .where(or(isNull(oidcSigningKeys.retiredAt), gt(oidcSigningKeys.publishUntil, sql`now()`)))
    .orderBy(desc(oidcSigningKeys.createdAt));
  return { keys: rows.map((r) => r.jwk as JWK) };
}

/** Test hook: a retired key whose publication window has passed (as if its tokens had all expired). */
export async function expireRetiredKeys(db: DbOrTx): Promise<void> {
  await db
    .update(oidcSigningKeys)
    .set({ publishUntil: sql`now() - interval '1 second'` })
    .where(and(sql`${oidcSigningKeys.retiredAt} is not null`));
}
