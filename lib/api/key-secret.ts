// API key secrets: `gk_` + 32 random bytes (base64url). The prefix lets secret scanners spot a leaked key;
// only the SHA-256 is stored (a 256-bit random secret needs no slow hash, and one hash per request is cheap).
import crypto from "node:crypto";

export const KEY_PREFIX = "gk_";
const KEY_SHAPE = /^gk_[A-Za-z0-9_-]{43}$/;

export function generateKeySecret(): { secret: string; hash: string; displayPrefix: string; last4: string } {
  const secret = KEY_PREFIX + crypto.randomBytes(32).toString("base64url");
  return { secret, hash: hashKeySecret(secret), displayPrefix: secret.slice(0, 9), last4: secret.slice(-4) };
}

export const hashKeySecret = (secret: string) => crypto.createHash("sha256").update(secret).digest("hex");

export const looksLikeKey = (s: string) => KEY_SHAPE.test(s);
