// Admin-only: "Sync now" for the group's link to `?vendor=`.
import { getDb } from "@/db/client";
import { getLinkForGroup } from "@/db/queries/sync-links";
import { vendorLabel } from "@/lib/connectors/registry";
import { notFound } from "@/lib/core/errors";
import { groupIdParam, syncAdminRoute, requireVendor } from "@/lib/sync/admin-route";
import { requestSync } from "@/lib/sync/triggers";

export const dynamic = "force-dynamic";

export const POST = syncAdminRoute(async (req, { params }: { params: Promise<{ groupId: string }> }) => {
  const groupId = await groupIdParam(params);
  const vendor = requireVendor(req);
  const db = await getDb();
  const link = await getLinkForGroup(db, vendor, groupId);
  if (!link) throw notFound(`${vendorLabel(vendor)} link`);
  await requestSync(db, link.id, "sync now");
  return { requested: true };
});
