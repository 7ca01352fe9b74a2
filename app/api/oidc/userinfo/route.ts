// OIDC userinfo endpoint (GET and POST, bearer token).
import { getDb } from "@/db/client";
import { corsHeaders, formOf, jsonResponse } from "@/lib/oidc/http";
import { userinfo } from "@/lib/oidc/userinfo";

export const dynamic = "force-dynamic";

async function handle(req: Request, form: URLSearchParams | null) {
  const result = await userinfo(await getDb(), req.headers.get("authorization"), form);
  return jsonResponse(result.status, result.body, { ...corsHeaders, ...result.headers });
}

export const GET = (req: Request) => handle(req, null);
export const POST = async (req: Request) => handle(req, await formOf(req));
