// Small crypto helpers for the provider, all from node:crypto: encryption at rest of signing keys
// (AES-256-GCM), hashing of high-entropy secrets/codes/tokens, and random values.
import crypto from "node:crypto";
import { deriveKey } from "@/lib/secrets";

const keyOf = () => deriveKey("oidc-keys");

export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyOf(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

export function decryptSecret(boxed: string): string {
  const [iv, tag, body] = boxed.split(".").map((p) => Buffer.from(p, "base64url"));
  const decipher = crypto.createDecipheriv("aes-256-gcm", keyOf(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}

/** Random, URL-safe, 256 bits: client secrets, codes and access tokens. */
export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString("base64url");

/** These values are random 256-bit strings, so an unsalted SHA-256 is enough (no password stretching). */
export const hashToken = (value: string) => crypto.createHash("sha256").update(value).digest("base64url");

/** Constant-time comparison of a presented value against a stored hash. */
export function matchesHash(value: string, hash: string | null | undefined): boolean {
  if (!hash) return false;
  const a = Buffer.from(hashToken(value));
  const b = Buffer.from(hash);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** PKCE S256 (RFC 7636): BASE64URL(SHA256(verifier)). */
export const s256 = (verifier: string) =>
  crypto.createHash("sha256").update(verifier, "ascii").digest("base64url");
