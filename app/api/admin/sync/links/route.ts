// Admin-only: every sync link's status, any vendor (the groups list's live sync columns poll this).
import { getDb } from "@/db/client";
import { listSyncLinks } from "@/db/queries/sync-links";
import { syncAdminRoute } from "@/lib/sync/admin-route";

export const dynamic = "force-dynamic";

export const GET = syncAdminRoute(async () => {
  const rows = await listSyncLinks(await getDb());
  return {
    links: rows.map(({ link }) => ({
      id: link.id,
      vendor: link.vendor,
      groupId: link.groupId,
      remoteGroupId: link.remoteGroupId,
      remoteGroupName: link.remoteGroupName,
      status: link.status,
      message: link.statusMessage,
      done: link.progressDone,
      total: link.progressTotal,
      lastSyncedAt: link.lastSyncedAt,
    })),
  };
});
