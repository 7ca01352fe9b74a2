// Staff "Test sign-in": the flow runs against Guildhall's own callback page, which redeems the code
// in-process (it cannot hold the partner's secret) and shows the ID token the partner would receive.
import { decodeJwt, decodeProtectedHeader } from "jose";
import type { DbOrTx } from "@/db/client";
import { redeemAuthCode } from "@/db/queries/oidc";
import { getSsoClient } from "@/db/queries/sso-clients";
import { testCallbackOf } from "./authorize-request";
import { claimsFor, signIdToken } from "./claims";
import { endpointsOf } from "./config";
import { hashToken, randomToken } from "@/lib/core/crypto";

/** The authorization URL staff open in a new tab (prompt=login: sign in as the member to test with). */
export function testSignInUrl(issuer: string, clientId: string): string {
  const url = new URL(endpointsOf(issuer).authorization);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: testCallbackOf(issuer),
    response_type: "code",
    scope: "openid profile email groups",
    state: randomToken(12),
    nonce: randomToken(12),
    prompt: "login",
  }).toString();
  return url.toString();
}

export type TestResult =
  | { ok: true; clientName: string; header: Record<string, unknown>; claims: Record<string, unknown> }
  | { ok: false; message: string };

export async function completeTestSignIn(db: DbOrTx, issuer: string, code: string): Promise<TestResult> {
  const redeemed = await redeemAuthCode(db, hashToken(code));
  if (redeemed.status !== "ok")
    return { ok: false, message: `The code could not be used (${redeemed.status}). Run Test sign-in again.` };
  const grant = redeemed.code;
  if (grant.redirectUri !== testCallbackOf(issuer))
    return { ok: false, message: "This code was issued for a partner's redirect address, not for a test." };
  const client = await getSsoClient(db, grant.clientId);
  const claims = client ? await claimsFor(db, client, grant.personId, grant.scope) : null;
  if (!client || !claims) return { ok: false, message: "The client or member no longer exists." };
  const idToken = await signIdToken(db, {
    issuer,
    clientId: client.clientId,
    claims,
    nonce: grant.nonce,
    authTime: grant.authTime,
  });
  return {
    ok: true,
    clientName: client.name,
    header: decodeProtectedHeader(idToken) as Record<string, unknown>,
    claims: decodeJwt(idToken) as Record<string, unknown>,
  };
}
