// OIDC RP-initiated logout: signs the member out of Guildhall, then returns to a registered address.
import { getDb } from "@/db/client";
import { signOut } from "@/lib/auth/next-auth";
import { endSessionTarget } from "@/lib/oidc/end-session";
import { issuerOf } from "@/lib/oidc/config";
import { errorPage, formOf, redirectResponse } from "@/lib/oidc/http";

export const dynamic = "force-dynamic";

async function handle(params: URLSearchParams) {
  const db = await getDb();
  const target = await endSessionTarget(db, params);
  if (!target.ok) return errorPage("Sign-out request not accepted", target.message);
  await signOut({ redirect: false });
  return redirectResponse(target.redirect ?? `${await issuerOf(db)}/oidc/signed-out`);
}

export const GET = (req: Request) => handle(new URL(req.url).searchParams);
export const POST = async (req: Request) => handle((await formOf(req)) ?? new URLSearchParams());
