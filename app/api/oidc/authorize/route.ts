// OIDC authorization endpoint (GET and POST, code flow only).
import { getDb } from "@/db/client";
import { authorize } from "@/lib/oidc/authorize";
import { issuerOf } from "@/lib/oidc/config";
import { errorPage, formOf, redirectResponse } from "@/lib/oidc/http";
import { currentSessionInfo } from "@/lib/oidc/session";

export const dynamic = "force-dynamic";

async function handle(params: URLSearchParams) {
  const db = await getDb();
  const outcome = await authorize(db, await issuerOf(db), params, await currentSessionInfo());
  return outcome.kind === "page" ? errorPage(outcome.title, outcome.message) : redirectResponse(outcome.url);
}

export async function GET(req: Request) {
  return handle(new URL(req.url).searchParams);
}

export async function POST(req: Request) {
  const form = await formOf(req);
  if (!form)
    return errorPage(
      "Invalid request",
      "Send the authorization request as a form (application/x-www-form-urlencoded).",
    );
  return handle(form);
}
