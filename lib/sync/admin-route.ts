// The wrapper of app/api/admin/sync/** handlers: staff admin only, one error shape.
import { errorResponse } from "@/lib/api/handler";
import { requireAdmin } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";
import { HttpError } from "@/lib/connectors/http";

export function adminRoute<C>(handler: (req: Request, ctx: C) => Promise<unknown>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      await requireAdmin();
      const body = await handler(req, ctx);
      return body instanceof Response ? body : Response.json(body);
    } catch (e) {
      if (e instanceof AppError) return errorResponse(e);
      if (e instanceof HttpError) return errorResponse(new AppError("unavailable", `Mobilize: ${e.message}`));
      throw e;
    }
  };
}
