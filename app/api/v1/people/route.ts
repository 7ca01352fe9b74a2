// POST /api/v1/people: create a person (held for approval when the key follows signup protection).
import { apiRoute } from "@/lib/api/handler";
import { createPersonViaApi } from "@/lib/api/people-write";
import { etagOf, projectMember } from "@/lib/api/project";

export const POST = apiRoute({ family: "members", body: true }, async ({ key, db, body }) => {
  const { row, status } = await createPersonViaApi(db, key, body);
  return { status: 201, body: { data: projectMember(row, key), status }, headers: { ETag: etagOf(row) } };
});
