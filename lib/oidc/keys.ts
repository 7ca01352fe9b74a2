// Signing keys: generated on first use, kept in the database (private half encrypted), rotated on demand.
// A rotated-out key keeps being published in the JWKS until the tokens it signed have expired.
import crypto from "node:crypto";
import { and, desc, gt, isNull, or, sql } from "drizzle-orm";
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import type { DbOrTx } from "@/db/client";
import { oidcSigningKeys } from "@/db/schema";
import { decryptSecret, encryptSecret } from "./crypto-box";
import { RETIRED_KEY_PUBLISH_SECONDS, SIGNING_ALG } from "./config";

export type SigningKey = { kid: string; alg: string; key: CryptoKey };

// Decrypting and importing a key costs ~1 ms; the token endpoint signs on every call, so keep imported keys.
const imported = new Map<string, CryptoKey>();
const LOCK = 727_001; // advisory lock id: only one process generates the first key

async function createKey(db: DbOrTx) {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const kid = crypto.randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: "sig" };
  const privateJwk = await exportJWK(privateKey);
  const [row] = await db
    .insert(oidcSigningKeys)
    .values({ kid, alg: SIGNING_ALG, publicJwk, privateKeyEnc: encryptSecret(JSON.stringify(privateJwk)) })
    .returning();
  return row;
}

async function toSigningKey(row: typeof oidcSigningKeys.$inferSelect): Promise<SigningKey> {
  let key = imported.get(row.kid);
  if (!key) {
    key = (await importJWK(JSON.parse(decryptSecret(row.privateKeyEnc)) as JWK, row.alg)) as CryptoKey;
    imported.set(row.kid, key);
  }
  return { kid: row.kid, alg: row.alg, key };
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
