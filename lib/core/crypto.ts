// The kernel's crypto, all from node:crypto: the site secret and the keys derived from it, ONE box for
// secrets kept at rest (AES-256-GCM), ONE hash for high-entropy tokens, and random tokens.
//
// The site secret (AUTH_SECRET) signs sessions and derives every encryption key. Set it in production
// (and whenever several app instances share a database); on the embedded defaults one is generated into
// the data folder on first start so a new user configures nothing.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "./env";

let cached: string | undefined;

export function getSiteSecret(): string {
  if (cached) return cached;
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  const file = path.join(path.resolve(env.GUILDHALL_DATA_DIR), "site-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fresh = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, fresh, { flag: "wx", mode: 0o600 });
      cached = fresh;
    } catch {
      cached = fs.readFileSync(file, "utf8").trim(); // another process created it first
    }
  }
  return cached;
}

/** A purpose-bound key derived from the site secret (HKDF), so one secret never signs two kinds of thing. */
export function deriveKey(purpose: string, length = 32): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", getSiteSecret(), "guildhall", purpose, length));
}

/** What a sealed secret is for: each purpose has its own key, so a value sealed for one opens for no other. */
export type SealPurpose = "integrations" | "oidc-keys" | "webhook-signing-secrets" | "new-api-key";

/** Seals a secret for storage: `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function sealSecret(purpose: SealPurpose, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", deriveKey(purpose), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", ...[iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url"))].join(".");
}

/** Opens a sealed secret (also the unversioned `<iv>.<tag>.<ciphertext>` written before v1). */
export function openSecret(purpose: SealPurpose, sealed: string): string {
  const parts = sealed.split(".");
  const [iv, tag, body] = parts.length === 4 && parts[0] === "v1" ? parts.slice(1) : parts;
  if (parts.length < 3 || parts.length > 4 || !iv || !tag || !body) throw new Error("Not a sealed secret");
  const decipher = crypto.createDecipheriv("aes-256-gcm", deriveKey(purpose), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** Random, URL-safe, 256 bits by default: API keys, client secrets, codes and access tokens. */
export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString("base64url");

/**
 * The one hash of high-entropy secrets (API keys, client secrets, codes, tokens): they are random 256-bit
 * strings, so an unsalted SHA-256 is enough (no password stretching). base64url.
 */
export const hashToken = (value: string) => crypto.createHash("sha256").update(value).digest("base64url");

/** Constant-time comparison of a presented value against a stored hash. */
export function matchesHash(value: string, hash: string | null | undefined): boolean {
  if (!hash) return false;
  const a = Buffer.from(hashToken(value));
  const b = Buffer.from(hash);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
