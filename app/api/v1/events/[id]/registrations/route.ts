// GET /api/v1/events/{id}/registrations: only registrations of people in the key's member scope.
import { getEventForApi, listRegistrationsForApi } from "@/lib/api/events-query";
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import { pageQuery, registrationListSchema } from "@/lib/api/schemas";
import { AppError, notFound } from "@/lib/core/errors";

export const GET = apiRoute<{ id: string }>({ family: "events" }, async ({ params, url, key, db }) => {
  if (!key.memberAccess)
    throw new AppError(
      "forbidden",
      "This API key has no access to membership data (registrations name people).",
    );
  const q = parseQuery(pageQuery, url);
  if (!(await getEventForApi(db, params.id))) throw notFound(`Event ${params.id}`);
  return { body: registrationListSchema.parse(await listRegistrationsForApi(db, key, params.id, q)) };
});
