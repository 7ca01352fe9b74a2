// GET /api/v1/changes?cursor=: the ordered feed of what changed for this key, tombstones included.
import { readChangesForKey } from "@/lib/api/changes-feed";
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import { changeListSchema, changesQuery } from "@/lib/api/schemas";

export const GET = apiRoute({ family: "any" }, async ({ url, key, db }) => {
  const q = parseQuery(changesQuery, url);
  return { body: changeListSchema.parse(await readChangesForKey(db, key, q)) };
});
