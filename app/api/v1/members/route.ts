// GET /api/v1/members: people and companies in the key's scope, keyset-paged by an opaque cursor.
import { apiRoute } from "@/lib/api/handler";
import { listMembersInScope } from "@/lib/api-keys/scope";
import { parseQuery } from "@/lib/api/parse";
import { projectMember } from "@/lib/api/project";
import { memberListQuery } from "@/lib/api/schemas";

export const GET = apiRoute({ family: "members" }, async ({ url, key, db }) => {
  const q = parseQuery(memberListQuery, url);
  const page = await listMembersInScope(db, key, {
    type: q.type,
    q: q.q,
    updatedSince: q.updated_since,
    limit: q.limit,
    cursor: q.cursor,
  });
  return { body: { data: page.rows.map((r) => projectMember(r, key)), next_cursor: page.nextCursor } };
});
