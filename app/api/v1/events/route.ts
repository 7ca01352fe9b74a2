// GET /api/v1/events: published and cancelled events (keys with event access only).
import { listEventsForApi } from "@/lib/api/events-query";
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import { eventListSchema, pageQuery } from "@/lib/api/schemas";

export const GET = apiRoute({ family: "events" }, async ({ url, db }) => {
  const q = parseQuery(pageQuery, url);
  return { body: eventListSchema.parse(await listEventsForApi(db, q)) };
});
