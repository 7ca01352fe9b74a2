// app/api/admin/sync/** handlers: the staff admin route wrapper, plus the vendor a route is about. A route
// about one vendor's link names it in `?vendor=` (requireVendor); a remote failure is then prefixed with its
// label.
import { adminRoute } from "@/lib/auth/admin-route";
import { AppError } from "@/lib/core/errors";
import type { IntegrationVendor } from "@/db/schema";
import { HttpError } from "@/lib/connectors/http";
import { isVendor, vendorLabel } from "@/lib/connectors/registry";

export function syncAdminRoute<C>(handler: (req: Request, ctx: C) => Promise<unknown>) {
  return adminRoute(handler, (e, req) => {
    if (!(e instanceof HttpError)) return null;
    const vendor = vendorParam(req);
    const who = vendor ? vendorLabel(vendor) : "Remote platform";
    return new AppError("unavailable", `${who}: ${e.message}`);
  });
}

const vendorParam = (req: Request) => new URL(req.url).searchParams.get("vendor");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The group a route is about: an id that is not a group id is a group that does not exist (404). */
export async function groupIdParam(params: Promise<{ groupId: string }>): Promise<string> {
  const { groupId } = await params;
  if (!UUID.test(groupId)) throw new AppError("not_found", "Group was not found.");
  return groupId;
}

/** An optional group id in the query (`?groupId=`): invalid_input naming it when it is not one. */
export function optionalGroupIdQuery(req: Request): string | undefined {
  const groupId = new URL(req.url).searchParams.get("groupId");
  if (groupId === null || groupId === "") return undefined;
  if (UUID.test(groupId)) return groupId;
  throw new AppError("invalid_input", "groupId: not a group id", {
    fields: [{ field: "groupId", message: "Not a group id" }],
  });
}

/** The registered vendor named by `?vendor=`; invalid_input naming the field otherwise. */
export function requireVendor(req: Request): IntegrationVendor {
  const vendor = vendorParam(req);
  if (isVendor(vendor)) return vendor;
  const message = vendor ? `unknown integration "${vendor}"` : "name the integration";
  throw new AppError("invalid_input", `vendor: ${message}`, { fields: [{ field: "vendor", message }] });
}
