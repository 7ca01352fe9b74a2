// Admin-only: dry run of linking this group to a Mobilize group (adds, removes, not eligible).
import { z } from "zod";
import { getDb } from "@/db/client";
import { fromZodError } from "@/lib/core/errors";
import { adminRoute } from "@/lib/sync/admin-route";
import { previewSync } from "@/lib/sync/preview";

export const dynamic = "force-dynamic";
const body = z.object({ remoteGroupId: z.string().min(1, "choose a Mobilize group") });

export const POST = adminRoute(async (req, { params }: { params: Promise<{ groupId: string }> }) => {
  const { groupId } = await params;
  const parsed = body.safeParse(await req.json().catch(() => null));
  if (!parsed.success) throw fromZodError(parsed.error);
  return previewSync(await getDb(), "mobilize", groupId, parsed.data.remoteGroupId);
});
