// GET /api/v1/members/{id}: one person or company; outside the key's scope it is a plain 404.
import { apiRoute } from "@/lib/api/handler";
import { getMemberInScope } from "@/lib/api-keys/scope";
import { etagOf, projectMember } from "@/lib/api/project";
import { notFound } from "@/lib/core/errors";

export const GET = apiRoute<{ id: string }>({ family: "members" }, async ({ params, key, db }) => {
  const row = await getMemberInScope(db, key, params.id);
  if (!row) throw notFound(`Member ${params.id}`);
  return { body: { data: projectMember(row, key) }, headers: { ETag: etagOf(row) } };
});
