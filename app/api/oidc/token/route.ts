// OIDC token endpoint: authorization_code grant; client_secret_basic, client_secret_post or PKCE-only public clients.
import { getDb } from "@/db/client";
import { corsHeaders, formOf, jsonResponse } from "@/lib/oidc/http";
import { tokenRequest } from "@/lib/oidc/token";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  const form = await formOf(req);
  if (!form)
    return jsonResponse(400, {
      error: "invalid_request",
      error_description: "The body must be application/x-www-form-urlencoded.",
    });
  const db = await getDb();
  // Issuer null: the site URL is read in the token request's own statement (no extra query).
  const result = await tokenRequest(db, null, req.headers.get("authorization"), form);
  return jsonResponse(result.status, result.body, { ...corsHeaders, ...result.headers });
}
