// Admin-only: "Sync now".
import { getDb } from "@/db/client";
import { getLinkForGroup } from "@/db/queries/sync-links";
import { notFound } from "@/lib/core/errors";
import { adminRoute } from "@/lib/sync/admin-route";
import { requestSync } from "@/lib/sync/triggers";

export const dynamic = "force-dynamic";

export const POST = adminRoute(async (_req, { params }: { params: Promise<{ groupId: string }> }) => {
  const { groupId } = await params;
  const db = await getDb();
  const link = await getLinkForGroup(db, "mobilize", groupId);
  if (!link) throw notFound("Mobilize link");
  await requestSync(db, link.id, "sync now");
  return { requested: true };
});
