// The authorization endpoint's decision: error page, redirect back with an error, send the member to sign in,
// show the "not allowed" page, or issue a code.
import type { DbOrTx } from "@/db/client";
import { saveAuthCode } from "@/db/queries/oidc";
import { checkAccess } from "./access";
import { signAuthAfter } from "./auth-after";
import { clientRedirect, parseAuthzRequest, type AuthzRequest } from "./authorize-request";
import { CODE_TTL_SECONDS } from "./config";
import { hashToken, randomToken } from "@/lib/core/crypto";
import { subjectOfHint } from "./id-token-hint";

export type SessionInfo = { userId: string; email: string; authTime: number; personId: string | null };
export type AuthzOutcome =
  { kind: "page"; title: string; message: string } | { kind: "redirect"; url: string };

const nowSeconds = () => Math.floor(Date.now() / 1000);

export async function authorize(
  db: DbOrTx,
  issuer: string,
  params: URLSearchParams,
  session: SessionInfo | null,
): Promise<AuthzOutcome> {
  const parsed = await parseAuthzRequest(db, issuer, params);
  if (!parsed.ok) {
    const p = parsed.problem;
    if (p.kind === "page") return p;
    return { kind: "redirect", url: errorRedirect(issuer, p.redirectUri, p.state, p.error, p.description) };
  }
  const req = parsed.request;
  const back = (error: string, description: string) => ({
    kind: "redirect" as const,
    url: errorRedirect(issuer, req.redirectUri, req.state, error, description),
  });

  let hintSub: string | null = null;
  if (req.idTokenHint) {
    hintSub = await subjectOfHint(db, issuer, req.idTokenHint, req.client.clientId);
    if (!hintSub)
      return back("invalid_request", "id_token_hint is not a valid ID token issued by this provider.");
  }

  const freshEnough = (s: SessionInfo) => {
    if (req.authAfter !== null) return s.authTime >= req.authAfter; // our own fresh sign-in round trip
    if (req.prompt.has("login")) return false;
    if (req.maxAge !== null) return nowSeconds() - s.authTime <= req.maxAge;
    return true;
  };
  const rightPerson = (s: SessionInfo) =>
    (!hintSub || hintSub === s.personId) &&
    (!req.loginHint || !req.loginHint.includes("@") || req.loginHint.toLowerCase() === s.email.toLowerCase());

  if (!session || !freshEnough(session) || !rightPerson(session)) {
    if (req.prompt.has("none")) return back("login_required", "The member must sign in.");
    return { kind: "redirect", url: signInUrl(issuer, params, req, session !== null) };
  }

  const access = await checkAccess(db, req.client, session.userId);
  if (!access.ok) {
    if (req.prompt.has("none")) return back("access_denied", "This member may not use this application.");
    const denied = new URL(`${issuer}/oidc/denied`);
    denied.searchParams.set("client_id", req.client.clientId);
    denied.searchParams.set("redirect_uri", req.redirectUri);
    denied.searchParams.set("reason", access.reason);
    if (req.state !== null) denied.searchParams.set("state", req.state);
    return { kind: "redirect", url: denied.toString() };
  }

  const code = randomToken(32);
  await saveAuthCode(
    db,
    {
      codeHash: hashToken(code),
      clientId: req.client.id,
      redirectUri: req.redirectUri,
      personId: access.personId,
      userId: session.userId,
      scope: req.scope,
      nonce: req.nonce,
      codeChallenge: req.codeChallenge,
      authTime: session.authTime,
    },
    CODE_TTL_SECONDS,
  );
  return { kind: "redirect", url: clientRedirect(req.redirectUri, { code, state: req.state, iss: issuer }) };
}

export function errorRedirect(
  issuer: string,
  redirectUri: string,
  state: string | null,
  error: string,
  description: string,
) {
  return clientRedirect(redirectUri, { error, error_description: description, state, iss: issuer });
}

/**
 * Guildhall's own sign-in page, returning to this request. When a fresh sign-in is needed (prompt=login,
 * max_age, another account hinted), the return trip carries gh_auth_after so only a newer sign-in satisfies it
 * and the request does not loop back to the sign-in page.
 */
function signInUrl(issuer: string, params: URLSearchParams, req: AuthzRequest, signedIn: boolean): string {
  const back = new URLSearchParams(params);
  back.delete("prompt");
  back.set("gh_auth_after", signAuthAfter(req.client.clientId, nowSeconds()));
  const url = new URL(`${issuer}/sign-in`);
  url.searchParams.set("callbackUrl", `/api/oidc/authorize?${back.toString()}`);
  if (req.loginHint) url.searchParams.set("login_hint", req.loginHint);
  if (signedIn) url.searchParams.set("fresh", "1");
  return url.toString();
}
