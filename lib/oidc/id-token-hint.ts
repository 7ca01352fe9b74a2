// id_token_hint, at authorization and at RP-initiated logout: an ID token this provider issued to the
// client (signature checked against our published keys; an expired one is fine, it is only a hint).
import { createLocalJWKSet, decodeJwt, jwtVerify } from "jose";
import type { DbOrTx } from "@/db/client";
import { publishedKeys } from "./keys";

/** The token's `sub`, or null when it is not a genuine ID token of ours for this client. */
export async function subjectOfHint(db: DbOrTx, issuer: string, token: string, clientId: string) {
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(await publishedKeys(db)), {
      issuer,
      audience: clientId,
      clockTolerance: 365 * 24 * 3600,
    });
    return payload.sub ?? null;
  } catch {
    return null;
  }
}

/** The client the hint names (unverified: only to know which client to verify it for). */
export function audienceOfHint(token: string): string | null {
  try {
    const aud = decodeJwt(token).aud;
    return (Array.isArray(aud) ? aud[0] : aud) ?? null;
  } catch {
    return null;
  }
}
