// Admin-only: dry run of linking this group to a remote group of `?vendor=` (adds, removes, not eligible).
import { z } from "zod";
import { getDb } from "@/db/client";
import { vendorLabel } from "@/lib/connectors/registry";
import { fromZodError } from "@/lib/core/errors";
import { groupIdParam, syncAdminRoute, requireVendor } from "@/lib/sync/admin-route";
import { previewSync } from "@/lib/sync/preview";

export const dynamic = "force-dynamic";
const bodyOf = (label: string) => z.object({ remoteGroupId: z.string().min(1, `choose a ${label} group`) });

export const POST = syncAdminRoute(async (req, { params }: { params: Promise<{ groupId: string }> }) => {
  const groupId = await groupIdParam(params);
  const vendor = requireVendor(req);
  const parsed = bodyOf(vendorLabel(vendor)).safeParse(await req.json().catch(() => null));
  if (!parsed.success) throw fromZodError(parsed.error);
  return previewSync(await getDb(), vendor, groupId, parsed.data.remoteGroupId);
});
