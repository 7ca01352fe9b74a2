// GET /api/v1/key: what the calling key may see (families, group and live count, fields) and the site's state.
import { apiRoute } from "@/lib/api/handler";
import { keyInfo } from "@/lib/api/key-info";

export const GET = apiRoute({ family: "any" }, async ({ key, db }) => ({ body: await keyInfo(db, key) }));
