// Admin-only: approve (POST) or cancel (DELETE) the removals a run of `?vendor=`'s link paused on
// (mass-removal guard).
import { getDb } from "@/db/client";
import { getLinkForGroup } from "@/db/queries/sync-links";
import { vendorLabel } from "@/lib/connectors/registry";
import { notFound } from "@/lib/core/errors";
import { groupIdParam, syncAdminRoute, requireVendor } from "@/lib/sync/admin-route";
import { approveRemovals, cancelRemovals } from "@/lib/sync/guard";
import { requestSync } from "@/lib/sync/triggers";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ groupId: string }> };

async function linkOf(req: Request, groupId: string) {
  const vendor = requireVendor(req);
  const db = await getDb();
  const link = await getLinkForGroup(db, vendor, groupId);
  if (!link) throw notFound(`${vendorLabel(vendor)} link`);
  return { db, link };
}

export const POST = syncAdminRoute(async (req, { params }: Ctx) => {
  const { db, link } = await linkOf(req, await groupIdParam(params));
  await approveRemovals(db, link.id);
  await requestSync(db, link.id, "removals approved");
  return { approved: true };
});

export const DELETE = syncAdminRoute(async (req, { params }: Ctx) => {
  const { db, link } = await linkOf(req, await groupIdParam(params));
  await cancelRemovals(db, link.id);
  return { cancelled: true };
});
