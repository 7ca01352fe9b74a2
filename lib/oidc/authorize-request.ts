// Validates an authorization request (OIDC Core 3.1.2.1). Errors before the client and redirect URI are
// known never redirect; later errors go back to the client with `error` and `state`.
import type { DbOrTx } from "@/db/client";
import { findSsoClientByClientId, type SsoClient } from "@/db/queries/sso-clients";
import { readAuthAfter } from "./auth-after";
import { SUPPORTED_SCOPES } from "./config";

export type AuthzRequest = {
  client: SsoClient;
  redirectUri: string;
  state: string | null;
  scope: string;
  nonce: string | null;
  codeChallenge: string | null;
  prompt: Set<string>;
  maxAge: number | null;
  idTokenHint: string | null;
  loginHint: string | null;
  /** Set by our own (signed) sign-in round trip: the session must have signed in at or after this time. */
  authAfter: number | null;
};

export type RequestProblem =
  | { kind: "page"; title: string; message: string }
  | {
      kind: "redirect";
      client: SsoClient;
      redirectUri: string;
      state: string | null;
      error: string;
      description: string;
    };

const one = (p: URLSearchParams, k: string) => p.get(k) ?? null;

export async function parseAuthzRequest(
  db: DbOrTx,
  issuer: string,
  p: URLSearchParams,
): Promise<{ ok: true; request: AuthzRequest } | { ok: false; problem: RequestProblem }> {
  const clientId = one(p, "client_id");
  const client = clientId ? await findSsoClientByClientId(db, clientId) : null;
  if (!client)
    return page(
      "Unknown application",
      clientId
        ? "The application that sent you here is not registered with this association (unknown client_id)."
        : "The sign-in request did not say which application it came from (missing client_id).",
    );
  const redirectUri = one(p, "redirect_uri");
  if (!redirectUri || !allowedRedirects(client, issuer).includes(redirectUri))
    return page(
      "Invalid redirect address",
      redirectUri
        ? `The return address sent by ${client.name} (redirect_uri) is not registered for it, so you were not sent back. Staff can add it under SSO clients.`
        : `The sign-in request from ${client.name} did not include a redirect_uri.`,
    );
  const state = one(p, "state");
  const fail = (error: string, description: string) =>
    ({ ok: false, problem: { kind: "redirect", client, redirectUri, state, error, description } }) as const;

  if (p.has("request")) return fail("request_not_supported", "Request objects are not supported.");
  if (p.has("request_uri")) return fail("request_uri_not_supported", "request_uri is not supported.");
  const responseType = one(p, "response_type");
  if (!responseType) return fail("invalid_request", "response_type is required.");
  if (responseType !== "code")
    return fail(
      "unsupported_response_type",
      "Only the authorization code flow (response_type=code) is supported.",
    );
  const mode = one(p, "response_mode");
  if (mode && mode !== "query") return fail("invalid_request", "Only response_mode=query is supported.");
  const scopes = (one(p, "scope") ?? "").split(" ").filter(Boolean);
  if (!scopes.includes("openid")) return fail("invalid_scope", "The openid scope is required.");
  const scope = SUPPORTED_SCOPES.filter((s) => scopes.includes(s)).join(" ");

  const codeChallenge = one(p, "code_challenge");
  const method = one(p, "code_challenge_method");
  if (codeChallenge && method !== "S256")
    return fail("invalid_request", "code_challenge_method must be S256.");
  if (codeChallenge && !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge))
    return fail("invalid_request", "code_challenge must be a base64url SHA-256 value.");
  if (!codeChallenge && method) return fail("invalid_request", "code_challenge is missing.");
  if (client.isPublic && !codeChallenge)
    return fail("invalid_request", "PKCE (code_challenge with S256) is required for this client.");

  const prompt = new Set((one(p, "prompt") ?? "").split(" ").filter(Boolean));
  if (prompt.has("none") && prompt.size > 1)
    return fail("invalid_request", "prompt=none cannot be combined with other values.");
  const rawMaxAge = one(p, "max_age");
  if (rawMaxAge !== null && !/^\d{1,9}$/.test(rawMaxAge))
    return fail("invalid_request", "max_age must be a non-negative whole number of seconds.");
  const rawAfter = one(p, "gh_auth_after");

  return {
    ok: true,
    request: {
      client,
      redirectUri,
      state,
      scope,
      nonce: one(p, "nonce"),
      codeChallenge,
      prompt,
      maxAge: rawMaxAge === null ? null : Number(rawMaxAge),
      idTokenHint: one(p, "id_token_hint"),
      loginHint: one(p, "login_hint"),
      authAfter: readAuthAfter(rawAfter, client.clientId, Math.floor(Date.now() / 1000)),
    },
  };
}

/** The registered URLs, plus Guildhall's own test callback used by staff's "Test sign-in". */
export const testCallbackOf = (issuer: string) => `${issuer}/oidc/test-callback`;
const allowedRedirects = (client: SsoClient, issuer: string) => [
  ...client.redirectUris,
  testCallbackOf(issuer),
];

function page(title: string, message: string) {
  return { ok: false, problem: { kind: "page", title, message } } as const;
}

/** The client's redirect URI with the given response parameters (plus `iss`, RFC 9207). */
export function clientRedirect(
  redirectUri: string,
  params: Record<string, string | null | undefined>,
): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v != null) url.searchParams.set(k, v);
  return url.toString();
}
