// Public signing keys, served at /.well-known/jwks.json (rewrite in next.config.ts).
import { getDb } from "@/db/client";
import { corsHeaders } from "@/lib/oidc/http";
import { publishedKeys } from "@/lib/oidc/keys";

export const dynamic = "force-dynamic";

export async function GET() {
  // Short cache: after a rotation, relying parties must see the new key soon.
  return Response.json(await publishedKeys(await getDb()), {
    headers: { ...corsHeaders, "Cache-Control": "public, max-age=60" },
  });
}
