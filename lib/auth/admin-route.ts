// The wrapper of every app/api/admin/** route handler: staff admin only, state changes only from this
// site's own pages (Origin checked: the session cookie alone must not authorize a cross-site POST), one
// error shape. `describe` turns a domain failure the route knows about into an AppError.
import { getDb } from "@/db/client";
import { getSiteSettings, siteUrlOf } from "@/db/queries/site-settings";
import { errorResponse } from "@/lib/api/handler";
import { AppError } from "@/lib/core/errors";
import { requireAdmin } from "./guards";
import { crossSiteRefusal, isSameOriginRequest } from "./same-origin";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function adminRoute<C>(
  handler: (req: Request, ctx: C) => Promise<unknown>,
  describe: (e: unknown, req: Request) => AppError | null = () => null,
) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      if (!SAFE_METHODS.has(req.method) && !isSameOriginRequest(req, await configuredSiteUrl()))
        return crossSiteRefusal();
      await requireAdmin();
      const body = await handler(req, ctx);
      return body instanceof Response ? body : Response.json(body);
    } catch (e) {
      if (e instanceof AppError) return errorResponse(e);
      const described = describe(e, req);
      if (described) return errorResponse(described);
      throw e;
    }
  };
}

async function configuredSiteUrl(): Promise<string> {
  return siteUrlOf(await getSiteSettings(await getDb()));
}
