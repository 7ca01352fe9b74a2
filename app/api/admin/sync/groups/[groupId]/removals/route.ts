// Admin-only: approve (POST) or cancel (DELETE) the removals a run paused on (mass-removal guard).
import { getDb } from "@/db/client";
import { getLinkForGroup } from "@/db/queries/sync-links";
import { notFound } from "@/lib/core/errors";
import { adminRoute } from "@/lib/sync/admin-route";
import { approveRemovals, cancelRemovals } from "@/lib/sync/guard";
import { requestSync } from "@/lib/sync/triggers";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ groupId: string }> };

async function linkOf(groupId: string) {
  const db = await getDb();
  const link = await getLinkForGroup(db, "mobilize", groupId);
  if (!link) throw notFound("Mobilize link");
  return { db, link };
}

export const POST = adminRoute(async (_req, { params }: Ctx) => {
  const { db, link } = await linkOf((await params).groupId);
  await approveRemovals(db, link.id);
  await requestSync(db, link.id, "removals approved");
  return { approved: true };
});

export const DELETE = adminRoute(async (_req, { params }: Ctx) => {
  const { db, link } = await linkOf((await params).groupId);
  await cancelRemovals(db, link.id);
  return { cancelled: true };
});
