// GET /api/v1/events/{id}/registrations: only registrations of people in the key's member scope.
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import { registrationWireOf } from "@/lib/api/project";
import { pageQuery, registrationListSchema } from "@/lib/api/schemas";
import { getEventInScope, listRegistrationsInScope } from "@/lib/api-keys/scope";
import { notFound } from "@/lib/core/errors";

export const GET = apiRoute<{ id: string }>({ family: "registrations" }, async ({ params, url, key, db }) => {
  const q = parseQuery(pageQuery, url);
  if (!(await getEventInScope(db, params.id))) throw notFound(`Event ${params.id}`);
  const page = await listRegistrationsInScope(db, key, params.id, q);
  return {
    body: registrationListSchema.parse({
      data: page.rows.map(registrationWireOf),
      next_cursor: page.nextCursor,
    }),
  };
});
