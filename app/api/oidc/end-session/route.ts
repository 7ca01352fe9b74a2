// OIDC RP-initiated logout: signs the member out of Guildhall, then returns to a registered address. Without
// a matching id_token_hint the member confirms first on /oidc/sign-out, which posts back here with confirm=1.
import { getDb } from "@/db/client";
import { endSession } from "@/lib/auth/session";
import { isSameOriginRequest } from "@/lib/auth/same-origin";
import { endSessionOutcome } from "@/lib/oidc/end-session";
import { issuerOf } from "@/lib/oidc/config";
import { errorPage, formOf, redirectResponse } from "@/lib/oidc/http";
import { currentSessionInfo } from "@/lib/oidc/session";

export const dynamic = "force-dynamic";

async function handle(params: URLSearchParams, confirmed: boolean) {
  const db = await getDb();
  const issuer = await issuerOf(db);
  const session = await currentSessionInfo();
  const outcome = await endSessionOutcome(db, issuer, params, session ?? undefined, confirmed);
  if (outcome.kind === "refused") return errorPage("Sign-out request not accepted", outcome.message);
  if (outcome.kind === "confirm") {
    const ask = new URLSearchParams(params);
    ask.delete("confirm");
    return redirectResponse(`${issuer}/oidc/sign-out?${ask}`, 303);
  }
  if (session) await endSession();
  return redirectResponse(outcome.redirect ?? `${issuer}/oidc/signed-out`, 303);
}

export const GET = (req: Request) => handle(new URL(req.url).searchParams, false);

export const POST = async (req: Request) => {
  const form = (await formOf(req)) ?? new URLSearchParams();
  // The confirmation counts only from our own page: a cross-site form cannot forge Origin.
  const confirmed = form.get("confirm") === "1" && isSameOriginRequest(req, await issuerOf(await getDb()));
  return handle(form, confirmed);
};
