// The `gh_auth_after` marker of Guildhall's own sign-in round trip (prompt=login, max_age, another account
// hinted): "only a sign-in at or after this time satisfies the request". It rides in a URL the member's browser
// carries, so it is signed (HMAC with a key derived from the site secret) and bound to the client: an added
// or edited marker (gh_auth_after=0) is ignored and the request asks for a fresh sign-in again.
import crypto from "node:crypto";
import { deriveKey } from "@/lib/core/crypto";

/** Long enough to sign in (with a password manager or a reset), short enough that a copied marker goes stale. */
export const AUTH_AFTER_TTL_SECONDS = 30 * 60;

const mac = (clientId: string, at: number) =>
  crypto.createHmac("sha256", deriveKey("oidc-auth-after")).update(`${clientId}\n${at}`).digest("base64url");

export function signAuthAfter(clientId: string, at: number): string {
  return `${at}.${mac(clientId, at)}`;
}

/** The time a marker carries, or null when it is absent, forged, for another client or stale. */
export function readAuthAfter(value: string | null, clientId: string, now: number): number | null {
  const m = value?.match(/^(\d{1,12})\.([A-Za-z0-9_-]{43})$/);
  if (!m) return null;
  const at = Number(m[1]);
  const expected = Buffer.from(mac(clientId, at));
  const given = Buffer.from(m[2]);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  if (at > now + 60 || now - at > AUTH_AFTER_TTL_SECONDS) return null;
  return at;
}
