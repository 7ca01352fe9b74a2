// GET /api/v1/events/{id}
import { apiRoute } from "@/lib/api/handler";
import { eventWireOf } from "@/lib/api/project";
import { eventResponseSchema } from "@/lib/api/schemas";
import { getEventInScope } from "@/lib/api-keys/scope";
import { notFound } from "@/lib/core/errors";

export const GET = apiRoute<{ id: string }>({ family: "events" }, async ({ params, db }) => {
  const event = await getEventInScope(db, params.id);
  if (!event) throw notFound(`Event ${params.id}`);
  return { body: eventResponseSchema.parse({ data: eventWireOf(event) }) };
});
