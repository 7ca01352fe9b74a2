// PATCH /api/v1/people/{id}: partial update; If-Match with a stale ETag → 412.
import { apiRoute } from "@/lib/api/handler";
import { updatePersonViaApi } from "@/lib/api/people-write";
import { etagOf, projectMember } from "@/lib/api/project";

export const PATCH = apiRoute<{ id: string }>(
  { family: "members", body: true },
  async ({ req, key, db, body, params }) => {
    const row = await updatePersonViaApi(db, key, params.id, body, req.headers.get("if-match"));
    return { body: { data: projectMember(row, key) }, headers: { ETag: etagOf(row) } };
  },
);
