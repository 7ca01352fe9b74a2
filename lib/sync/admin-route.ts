// The wrapper of app/api/admin/sync/** handlers: staff admin only, one error shape. A route about one
// vendor's link names it in `?vendor=` (requireVendor); a remote failure is then prefixed with its label.
import { errorResponse } from "@/lib/api/handler";
import { requireAdmin } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";
import type { IntegrationVendor } from "@/db/schema";
import { HttpError } from "@/lib/connectors/http";
import { isVendor, vendorLabel } from "@/lib/connectors/registry";

export function adminRoute<C>(handler: (req: Request, ctx: C) => Promise<unknown>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      await requireAdmin();
      const body = await handler(req, ctx);
      return body instanceof Response ? body : Response.json(body);
    } catch (e) {
      if (e instanceof AppError) return errorResponse(e);
      if (e instanceof HttpError) {
        const vendor = vendorParam(req);
        const who = vendor ? vendorLabel(vendor) : "Remote platform";
        return errorResponse(new AppError("unavailable", `${who}: ${e.message}`));
      }
      throw e;
    }
  };
}

const vendorParam = (req: Request) => new URL(req.url).searchParams.get("vendor");

/** The registered vendor named by `?vendor=`; invalid_input naming the field otherwise. */
export function requireVendor(req: Request): IntegrationVendor {
  const vendor = vendorParam(req);
  if (isVendor(vendor)) return vendor;
  const message = vendor ? `unknown integration "${vendor}"` : "name the integration";
  throw new AppError("invalid_input", `vendor: ${message}`, { fields: [{ field: "vendor", message }] });
}
