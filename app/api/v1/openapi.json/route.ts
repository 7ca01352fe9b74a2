// GET /api/v1/openapi.json: the OpenAPI 3.1 document (public: it describes, it reveals no data).
import { buildOpenApi } from "@/lib/api/openapi";

let cached: string | undefined;

export function GET(): Response {
  cached ??= JSON.stringify(buildOpenApi());
  return new Response(cached, { headers: { "content-type": "application/json" } });
}
