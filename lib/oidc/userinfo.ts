// The userinfo endpoint: claims for the bearer of a live access token.
import type { DbOrTx } from "@/db/client";
import { findLiveAccessToken, revokeAccessToken } from "@/db/queries/oidc";
import { getSsoClient } from "@/db/queries/sso-clients";
import { checkPersonAccess } from "./access";
import { claimsFor } from "./claims";
import { hashToken } from "@/lib/core/crypto";

export type UserinfoResponse = {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
};

const invalid = (error: string, description: string, status = 401): UserinfoResponse => ({
  status,
  body: { error, error_description: description },
  headers: { "WWW-Authenticate": `Bearer error="${error}", error_description="${description}"` },
});

export async function userinfo(
  db: DbOrTx,
  authorization: string | null,
  form: URLSearchParams | null,
): Promise<UserinfoResponse> {
  const bearer = authorization?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i)?.[1];
  const token = bearer ?? form?.get("access_token") ?? null;
  if (bearer && form?.has("access_token"))
    return invalid("invalid_request", "Send the access token once.", 400);
  if (!token) return invalid("invalid_token", "An access token is required.");
  const tokenHash = hashToken(token);
  const row = await findLiveAccessToken(db, tokenHash);
  if (!row) return invalid("invalid_token", "The access token is invalid, expired or revoked.");
  const client = await getSsoClient(db, row.clientId);
  if (!client) return invalid("invalid_token", "The application no longer exists.");
  // Access is decided again at every use: deactivation, account removal or leaving the client's permitted
  // groups ends the grant at the next request, and the token is revoked for good.
  const access = await checkPersonAccess(db, client, row.personId);
  if (!access.ok) {
    await revokeAccessToken(db, tokenHash);
    return invalid("invalid_token", "The member may no longer use this application.");
  }
  const claims = await claimsFor(db, client, row.personId, row.scope);
  if (!claims) return invalid("invalid_token", "The member no longer exists.");
  return { status: 200, body: claims };
}
