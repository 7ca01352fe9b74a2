// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0). A request the member's browser can be made
// to send from any site must not sign them out on its own (logout CSRF): without an id_token_hint that we
// issued to the member who is signed in, the member confirms on our own page first.
import type { DbOrTx } from "@/db/client";
import { findSsoClientByClientId } from "@/db/queries/sso-clients";
import { clientRedirect } from "./authorize-request";
import { audienceOfHint, subjectOfHint } from "./id-token-hint";

export type EndSessionOutcome =
  | { kind: "refused"; message: string }
  /** Ask the member (our confirmation page), then come back with the same parameters. */
  | { kind: "confirm" }
  /** Sign out (if signed in) and go to `redirect`, or to our signed-out page when null. */
  | { kind: "sign-out"; redirect: string | null };

export async function endSessionOutcome(
  db: DbOrTx,
  issuer: string,
  p: URLSearchParams,
  /** The signed-in member's person id; undefined when nobody is signed in. */
  signedIn: { personId: string | null } | undefined,
  /** The member confirmed on our page (a same-origin POST). */
  confirmed: boolean,
): Promise<EndSessionOutcome> {
  let clientId = p.get("client_id");
  const hint = p.get("id_token_hint");
  let hintSub: string | null = null;
  if (hint) {
    const hinted = audienceOfHint(hint);
    if (clientId && hinted && hinted !== clientId)
      return { kind: "refused", message: "id_token_hint was issued to another client." };
    clientId = clientId ?? hinted;
    hintSub = clientId ? await subjectOfHint(db, issuer, hint, clientId) : null;
    if (!hintSub) return { kind: "refused", message: "id_token_hint is not a valid ID token of this site." };
  }
  const target = p.get("post_logout_redirect_uri");
  let redirect: string | null = null;
  if (target) {
    const client = clientId ? await findSsoClientByClientId(db, clientId) : null;
    // Only registered addresses: otherwise this would be an open redirect.
    if (!client || !client.postLogoutRedirectUris.includes(target))
      return {
        kind: "refused",
        message: "post_logout_redirect_uri is not registered for this application.",
      };
    redirect = clientRedirect(target, { state: p.get("state") });
  }
  const provenByHint = signedIn !== undefined && hintSub !== null && hintSub === signedIn.personId;
  if (signedIn && !provenByHint && !confirmed) return { kind: "confirm" };
  return { kind: "sign-out", redirect };
}
