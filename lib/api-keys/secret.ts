// API key secrets: `gk_` + 32 random bytes (base64url). The prefix lets secret scanners spot a leaked key;
// only the token hash is stored (a 256-bit random secret needs no slow hash, and one hash per request is cheap).
import { hashToken, randomToken } from "@/lib/core/crypto";

export const KEY_PREFIX = "gk_";
const KEY_SHAPE = /^gk_[A-Za-z0-9_-]{43}$/;

export function generateKeySecret(): { secret: string; hash: string; displayPrefix: string; last4: string } {
  const secret = KEY_PREFIX + randomToken();
  return { secret, hash: hashToken(secret), displayPrefix: secret.slice(0, 9), last4: secret.slice(-4) };
}

export const looksLikeKey = (s: string) => KEY_SHAPE.test(s);
