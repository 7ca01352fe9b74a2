// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): which client is asking and where to go after.
import { decodeJwt } from "jose";
import type { DbOrTx } from "@/db/client";
import { findSsoClientByClientId } from "@/db/queries/sso-clients";
import { clientRedirect } from "./authorize-request";

export type EndSessionOutcome = { ok: true; redirect: string | null } | { ok: false; message: string };

export async function endSessionTarget(db: DbOrTx, p: URLSearchParams): Promise<EndSessionOutcome> {
  let clientId = p.get("client_id");
  const hint = p.get("id_token_hint");
  if (hint) {
    try {
      const aud = decodeJwt(hint).aud;
      const hinted = Array.isArray(aud) ? aud[0] : aud;
      if (clientId && hinted && hinted !== clientId)
        return { ok: false, message: "id_token_hint was issued to another client." };
      clientId = clientId ?? hinted ?? null;
    } catch {
      return { ok: false, message: "id_token_hint is not a valid ID token." };
    }
  }
  const target = p.get("post_logout_redirect_uri");
  if (!target) return { ok: true, redirect: null };
  const client = clientId ? await findSsoClientByClientId(db, clientId) : null;
  // Only registered addresses: otherwise this would be an open redirect.
  if (!client || !client.postLogoutRedirectUris.includes(target))
    return { ok: false, message: "post_logout_redirect_uri is not registered for this application." };
  return { ok: true, redirect: clientRedirect(target, { state: p.get("state") }) };
}
