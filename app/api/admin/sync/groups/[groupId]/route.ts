// Admin-only: a group's link to `?vendor=`, its status and per-member statuses (?filter=not_applicable|error).
import { getDb } from "@/db/client";
import { getLinkForGroup } from "@/db/queries/sync-links";
import { listSyncMembersWithNames } from "@/db/queries/sync-members";
import { groupIdParam, syncAdminRoute, requireVendor } from "@/lib/sync/admin-route";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ groupId: string }> };

export const GET = syncAdminRoute(async (req, { params }: Ctx) => {
  const groupId = await groupIdParam(params);
  const vendor = requireVendor(req);
  const f = new URL(req.url).searchParams.get("filter");
  const filter = f === "not_applicable" || f === "error" ? f : undefined;
  const db = await getDb();
  const link = await getLinkForGroup(db, vendor, groupId);
  if (!link) return { link: null, members: [] };
  return {
    link: {
      id: link.id,
      remoteGroupId: link.remoteGroupId,
      remoteGroupName: link.remoteGroupName,
      status: link.status,
      message: link.statusMessage,
      done: link.progressDone,
      total: link.progressTotal,
      lastSyncedAt: link.lastSyncedAt,
      pendingRemovals: link.pendingRemovals,
    },
    members: await listSyncMembersWithNames(db, link.id, filter),
  };
});
