// DELETE /api/v1/webhook-endpoints/{id}: removes an endpoint this key registered itself.
import { apiRoute } from "@/lib/api/handler";
import { deleteKeyEndpoint } from "@/lib/api/key-info";

export const DELETE = apiRoute<{ id: string }>({ family: "any" }, async ({ key, db, params }) => {
  await deleteKeyEndpoint(db, key, params.id);
  return { status: 204, body: null };
});
