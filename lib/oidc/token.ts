// The token endpoint (OIDC Core 3.1.3): client authentication, then the authorization code grant.
import type { DbOrTx } from "@/db/client";
import { explainUnclaimedCode } from "@/db/queries/oidc";
import { exchangeAuthCode, type CodeExchangeRow } from "@/db/queries/oidc-exchange";
import { siteUrlOf } from "@/db/queries/site-settings";
import { findSsoClientByClientId, type SsoClient } from "@/db/queries/sso-clients";
import { secretMatches } from "@/lib/oidc/clients";
import { claimsOf, signIdToken } from "./claims";
import { ACCESS_TOKEN_TTL_SECONDS } from "./config";
import { hashToken, randomToken } from "@/lib/core/crypto";
import { s256 } from "./pkce";

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

/** Client authentication on its own (requests without a usable authorization code). */
async function authenticateClient(
  db: DbOrTx,
  cred: { id: string | null; secret: string | null; basic: boolean },
): Promise<{ client: SsoClient } | TokenResponse> {
  const client = cred.id ? await findSsoClientByClientId(db, cred.id) : null;
  if (!client) return unauthorized(cred.basic);
  // Public clients have no secret; PKCE (required for them at authorize) proves the caller instead.
  if (client.isPublic && !cred.secret) return { client };
  if (!cred.secret || !secretMatches(client, cred.secret)) return unauthorized(cred.basic);
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

/** The client id and secret presented (RFC 6749 2.3.1), or the error response. */
function presentedCredentials(
  authorization: string | null,
  form: URLSearchParams,
): { id: string | null; secret: string | null; basic: boolean } | TokenResponse {
  const basic = authorization?.match(/^Basic\s+(.+)$/i);
  if (!basic) return { id: form.get("client_id"), secret: form.get("client_secret"), basic: false };
  if (form.has("client_secret"))
    return err(400, "invalid_request", "Use one client authentication method, not two.");
  const decoded = Buffer.from(basic[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  let id: string | null = null;
  let secret: string | null = null;
  try {
    id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " "));
    secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " "));
  } catch {
    id = null;
  }
  if (colon < 0 || !id) return unauthorized(true);
  return { id, secret, basic: true };
}

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/**
 * The authorization code grant. `issuer` null means the configured site URL (read in the same statement).
 * The usual request costs one database statement (db/queries/oidc-exchange.ts) and one RS256 signature.
 */
export async function tokenRequest(
  db: DbOrTx,
  issuer: string | null,
  authorization: string | null,
  form: URLSearchParams,
): Promise<TokenResponse> {
  const cred = presentedCredentials(authorization, form);
  if ("status" in cred) return cred;
  const grantType = form.get("grant_type");
  const code = form.get("code");
  // Client authentication is checked (and reported) before the grant; without a usable grant there is
  // nothing to combine it with, so those requests authenticate on their own.
  if (grantType !== "authorization_code" || !code) {
    const auth = await authenticateClient(db, cred);
    if (!("client" in auth)) return auth;
    if (!grantType) return err(400, "invalid_request", "grant_type is required.");
    if (grantType !== "authorization_code")
      return err(400, "unsupported_grant_type", "Only the authorization_code grant is supported.");
    return err(400, "invalid_request", "code is required.");
  }
  if (!cred.id) return unauthorized(cred.basic);

  const verifier = form.get("code_verifier");
  const codeHash = hashToken(code);
  const accessToken = randomToken(32);
  const redirectUri = form.get("redirect_uri");
  const row = await exchangeAuthCode(db, {
    clientId: cred.id,
    secretHash: cred.secret ? hashToken(cred.secret) : null,
    codeHash,
    redirectUri,
    verifierGiven: !!verifier,
    verifierS256: verifier && VERIFIER.test(verifier) ? s256(verifier) : null,
    tokenHash: hashToken(accessToken),
    tokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
  });
  if (!row?.authenticated) return unauthorized(cred.basic);
  if (!row.claimed) {
    const { status } = await explainUnclaimedCode(db, codeHash);
    return err(400, "invalid_grant", redeemMessages[status]);
  }
  const refusal = grantRefusal(row, redirectUri, verifier);
  // The statement applied the same checks to decide whether to store the token; a disagreement is a bug.
  if (row.issued !== !refusal) throw new Error(`Token checks disagree (issued: ${row.issued}, ${refusal})`);
  if (refusal) return err(400, "invalid_grant", refusal);

  const scope = row.scope!;
  const claims = claimsOf(
    {
      id: row.personId!,
      firstName: row.firstName!,
      lastName: row.lastName!,
      email: row.email,
      accountEmail: row.accountEmail,
      updatedAt: row.updatedAtEpoch!,
    },
    scope,
    () => row.groups ?? [],
  );
  const idToken = await signIdToken(db, {
    issuer: issuer ?? siteUrlOf({ siteUrl: row.siteUrl ?? "" }),
    clientId: cred.id,
    claims,
    nonce: row.nonce,
    authTime: row.authTime!,
    kid: row.activeKid,
  });
  return {
    status: 200,
    body: {
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      id_token: idToken,
      scope,
    },
  };
}

/** Why a claimed code gives no tokens (the first failing check), or null when it does. */
function grantRefusal(
  row: CodeExchangeRow,
  redirectUri: string | null,
  verifier: string | null,
): string | null {
  if (!row.live) return redeemMessages.expired;
  if (row.codeClientId !== row.id) return "The code was issued to another client.";
  if (redirectUri !== row.codeRedirectUri) return "redirect_uri does not match the authorization request.";
  if (row.codeChallenge) {
    if (!verifier || !VERIFIER.test(verifier)) return "code_verifier is missing or malformed.";
    if (s256(verifier) !== row.codeChallenge) return "code_verifier does not match the code_challenge.";
  } else if (verifier) {
    return "code_verifier was sent but the authorization request had no code_challenge.";
  }
  if (!row.personFound) return "The member no longer exists.";
  // Deactivation, account removal or leaving the client's permitted groups since the code was issued.
  if (!row.allowed) return "The member may no longer sign in to this application.";
  return null;
}
