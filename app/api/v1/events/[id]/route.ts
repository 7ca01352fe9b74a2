// GET /api/v1/events/{id}
import { getEventForApi } from "@/lib/api/events-query";
import { apiRoute } from "@/lib/api/handler";
import { eventResponseSchema } from "@/lib/api/schemas";
import { notFound } from "@/lib/core/errors";

export const GET = apiRoute<{ id: string }>({ family: "events" }, async ({ params, db }) => {
  const event = await getEventForApi(db, params.id);
  if (!event) throw notFound(`Event ${params.id}`);
  return { body: eventResponseSchema.parse({ data: event }) };
});
