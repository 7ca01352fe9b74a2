// Admin-only: link this group to a remote group of `?vendor=` (starts a sync) or unlink it (removes nobody).
import { z } from "zod";
import { getDb } from "@/db/client";
import { getGroup } from "@/db/queries/groups";
import { deleteSyncLink, linkedRemoteGroups, saveSyncLink } from "@/db/queries/sync-links";
import { vendorLabel } from "@/lib/connectors/registry";
import { AppError, fromZodError, notFound } from "@/lib/core/errors";
import { groupIdParam, syncAdminRoute, requireVendor } from "@/lib/sync/admin-route";
import { requestSync } from "@/lib/sync/triggers";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ groupId: string }> };
const bodyOf = (label: string) =>
  z.object({
    remoteGroupId: z.string().min(1, `choose a ${label} group`),
    remoteGroupName: z.string().max(255).default(""),
  });

export const PUT = syncAdminRoute(async (req, { params }: Ctx) => {
  const groupId = await groupIdParam(params);
  const vendor = requireVendor(req);
  const label = vendorLabel(vendor);
  const parsed = bodyOf(label).safeParse(await req.json().catch(() => null));
  if (!parsed.success) throw fromZodError(parsed.error);
  const db = await getDb();
  if (!(await getGroup(db, groupId))) throw notFound("Group");
  const taken = (await linkedRemoteGroups(db, vendor, groupId)).get(parsed.data.remoteGroupId);
  if (taken)
    throw new AppError("conflict", `That ${label} group is already linked to "${taken}".`, {
      fields: [{ field: "remoteGroupId", message: "already linked to another group" }],
    });
  const link = await saveSyncLink(db, { vendor, groupId, ...parsed.data });
  await requestSync(db, link.id, "link saved").catch(() => {}); // no executor: the hourly run picks it up
  return { linkId: link.id };
});

export const DELETE = syncAdminRoute(async (req, { params }: Ctx) => {
  const groupId = await groupIdParam(params);
  const vendor = requireVendor(req);
  const removed = await deleteSyncLink(await getDb(), vendor, groupId);
  if (!removed) throw notFound(`${vendorLabel(vendor)} link`);
  return { unlinked: true };
});
