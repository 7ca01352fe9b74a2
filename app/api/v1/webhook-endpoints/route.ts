// GET / POST /api/v1/webhook-endpoints: the calling key's webhook endpoints; a key may register its own
// (the signing secret is in the create response only).
import { apiRoute } from "@/lib/api/handler";
import { listKeyEndpoints, registerKeyEndpoint } from "@/lib/api/key-info";

export const GET = apiRoute({ family: "any" }, async ({ key, db }) => ({
  body: await listKeyEndpoints(db, key),
}));

export const POST = apiRoute({ family: "any", body: true }, async ({ key, db, body }) => ({
  status: 201,
  body: await registerKeyEndpoint(db, key, body),
}));
