// GET /api/v1/events: published and cancelled events (keys with event access only).
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import { eventWireOf } from "@/lib/api/project";
import { eventListSchema, pageQuery } from "@/lib/api/schemas";
import { listEventsInScope } from "@/lib/api-keys/scope";

export const GET = apiRoute({ family: "events" }, async ({ url, db }) => {
  const q = parseQuery(pageQuery, url);
  const page = await listEventsInScope(db, q);
  return { body: eventListSchema.parse({ data: page.rows.map(eventWireOf), next_cursor: page.nextCursor }) };
});
