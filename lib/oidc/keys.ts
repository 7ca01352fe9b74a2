// Signing keys: generated on first use, kept in the database (private half encrypted), rotated on demand.
// A rotated-out key keeps being published in the JWKS until the tokens it signed have expired.
import crypto from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import type { DbOrTx } from "@/db/client";
import {
  activeSigningKeyRow,
  insertSigningKey,
  lockSigningKeys,
  publishedJwks,
  retireActiveKeys,
  signingKeyRowByKid,
  type SigningKeyRow,
} from "@/db/queries/oidc-keys";
import { openSecret, sealSecret } from "@/lib/core/crypto";
import { RETIRED_KEY_PUBLISH_SECONDS, SIGNING_ALG } from "./config";

export type SigningKey = { kid: string; alg: string; key: CryptoKey };

// Decrypting and importing a key costs ~1 ms; the token endpoint signs on every call, so keep imported keys.
// A kid names one key for good (never reused, never changed), so this map needs no invalidation.
const imported = new Map<string, SigningKey>();

async function createKey(db: DbOrTx) {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const kid = crypto.randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: "sig" };
  const privateJwk = await exportJWK(privateKey);
  return insertSigningKey(db, {
    kid,
    alg: SIGNING_ALG,
    publicJwk,
    privateKeyEnc: sealSecret("oidc-keys", JSON.stringify(privateJwk)),
  });
}

async function toSigningKey(row: SigningKeyRow): Promise<SigningKey> {
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

/** The key that signs new tokens; created on first use. */
export async function getActiveSigningKey(db: DbOrTx): Promise<SigningKey> {
  const row = await activeSigningKeyRow(db);
  if (row) return toSigningKey(row);
  const created = await db.transaction(async (tx) => {
    await lockSigningKeys(tx);
    return (await activeSigningKeyRow(tx)) ?? (await createKey(tx));
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
  const row = await signingKeyRowByKid(db, activeKid);
  return row ? toSigningKey(row) : getActiveSigningKey(db);
}

/** Retires the active key(s) and creates a new one. Old keys stay in the JWKS until their tokens expire. */
export async function rotateSigningKeys(db: DbOrTx): Promise<{ kid: string; retired: string[] }> {
  return db.transaction(async (tx) => {
    await lockSigningKeys(tx);
    const retired = await retireActiveKeys(tx, RETIRED_KEY_PUBLISH_SECONDS);
    const row = await createKey(tx);
    return { kid: row.kid, retired };
  });
}

/** The public keys to publish: the active key and retired keys whose tokens may still be valid. */
export async function publishedKeys(db: DbOrTx): Promise<{ keys: JWK[] }> {
  await getActiveSigningKey(db);
  return { keys: await publishedJwks(db) };
}
