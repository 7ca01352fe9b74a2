// The token endpoint (OIDC Core 3.1.3): client authentication, then the authorization code grant.
import type { DbOrTx } from "@/db/client";
import { redeemAuthCode, saveAccessToken } from "@/db/queries/oidc";
import { findSsoClientByClientId, secretMatches, type SsoClient } from "@/db/queries/sso-clients";
import { claimsFor, signIdToken } from "./claims";
import { ACCESS_TOKEN_TTL_SECONDS } from "./config";
import { hashToken, randomToken, s256 } from "./crypto-box";

export type TokenResponse = {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
};

const err = (status: number, error: string, description: string, headers?: Record<string, string>) => ({
  status,
  body: { error, error_description: description },
  headers,
});

/** client_secret_basic (RFC 6749 2.3.1: form-urlencoded id and secret) or client_secret_post, never both. */
async function authenticateClient(
  db: DbOrTx,
  authorization: string | null,
  form: URLSearchParams,
): Promise<{ client: SsoClient } | TokenResponse> {
  let id: string | null = null;
  let secret: string | null = null;
  const basic = authorization?.match(/^Basic\s+(.+)$/i);
  if (basic) {
    if (form.has("client_secret"))
      return err(400, "invalid_request", "Use one client authentication method, not two.");
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    try {
      id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " "));
      secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " "));
    } catch {
      id = null;
    }
    if (colon < 0 || !id) return unauthorized(true);
  } else {
    id = form.get("client_id");
    secret = form.get("client_secret");
  }
  const client = id ? await findSsoClientByClientId(db, id) : null;
  if (!client) return unauthorized(!!basic);
  // Public clients have no secret; PKCE (required for them at authorize) proves the caller instead.
  if (client.isPublic && !secret) return { client };
  if (!secret || !secretMatches(client, secret)) return unauthorized(!!basic);
  return { client };
}

const unauthorized = (basic: boolean) =>
  err(401, "invalid_client", "Client authentication failed.", {
    "WWW-Authenticate": basic ? 'Basic realm="guildhall"' : 'Bearer realm="guildhall"',
  });

const redeemMessages = {
  unknown: "The code is not valid.",
  expired: "The code has expired.",
  reused: "The code was already used; tokens issued from it are revoked.",
};

export async function tokenRequest(
  db: DbOrTx,
  issuer: string,
  authorization: string | null,
  form: URLSearchParams,
): Promise<TokenResponse> {
  const auth = await authenticateClient(db, authorization, form);
  if (!("client" in auth)) return auth;
  const { client } = auth;
  const grantType = form.get("grant_type");
  if (!grantType) return err(400, "invalid_request", "grant_type is required.");
  if (grantType !== "authorization_code")
    return err(400, "unsupported_grant_type", "Only the authorization_code grant is supported.");
  const code = form.get("code");
  if (!code) return err(400, "invalid_request", "code is required.");
  const codeHash = hashToken(code);
  const redeemed = await redeemAuthCode(db, codeHash);
  if (redeemed.status !== "ok") return err(400, "invalid_grant", redeemMessages[redeemed.status]);
  const grant = redeemed.code;
  if (grant.clientId !== client.id)
    return err(400, "invalid_grant", "The code was issued to another client.");
  if (form.get("redirect_uri") !== grant.redirectUri)
    return err(400, "invalid_grant", "redirect_uri does not match the authorization request.");
  const verifier = form.get("code_verifier");
  if (grant.codeChallenge) {
    if (!verifier || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier))
      return err(400, "invalid_grant", "code_verifier is missing or malformed.");
    if (s256(verifier) !== grant.codeChallenge)
      return err(400, "invalid_grant", "code_verifier does not match the code_challenge.");
  } else if (verifier) {
    return err(
      400,
      "invalid_grant",
      "code_verifier was sent but the authorization request had no code_challenge.",
    );
  }

  const claims = await claimsFor(db, client, grant.personId, grant.scope);
  if (!claims) return err(400, "invalid_grant", "The member no longer exists.");
  const accessToken = randomToken(32);
  await saveAccessToken(
    db,
    {
      tokenHash: hashToken(accessToken),
      clientId: client.id,
      personId: grant.personId,
      scope: grant.scope,
      codeHash,
    },
    ACCESS_TOKEN_TTL_SECONDS,
  );
  const idToken = await signIdToken(db, {
    issuer,
    clientId: client.clientId,
    claims,
    nonce: grant.nonce,
    authTime: grant.authTime,
  });
  return {
    status: 200,
    body: {
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      id_token: idToken,
      scope: grant.scope,
    },
  };
}
