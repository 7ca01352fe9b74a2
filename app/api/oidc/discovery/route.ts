// Discovery document, served at /.well-known/openid-configuration (rewrite in next.config.ts).
import { getDb } from "@/db/client";
import { discoveryDocument, issuerOf } from "@/lib/oidc/config";
import { corsHeaders } from "@/lib/oidc/http";

export const dynamic = "force-dynamic";

export async function GET() {
  const doc = discoveryDocument(await issuerOf(await getDb()));
  return Response.json(doc, { headers: { ...corsHeaders, "Cache-Control": "public, max-age=300" } });
}
