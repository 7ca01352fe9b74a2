// Admin-only: one page of `?vendor=`'s remote groups, fetched live, with which local group (if any) links each.
import { getDb } from "@/db/client";
import { linkedRemoteGroups } from "@/db/queries/sync-links";
import { connectorFor } from "@/lib/connectors/connections";
import { vendorLabel } from "@/lib/connectors/registry";
import { AppError } from "@/lib/core/errors";
import { optionalGroupIdQuery, requireVendor, syncAdminRoute } from "@/lib/sync/admin-route";

export const dynamic = "force-dynamic";
const limit = 100;

export const GET = syncAdminRoute(async (req) => {
  const vendor = requireVendor(req);
  const url = new URL(req.url);
  const offset = Math.max(0, Number(url.searchParams.get("offset") ?? 0) || 0);
  const groupId = optionalGroupIdQuery(req);
  const db = await getDb();
  const connector = await connectorFor(db, vendor);
  if (!connector)
    throw new AppError(
      "precondition_failed",
      `${vendorLabel(vendor)} is not connected (Settings → Integrations).`,
    );
  const [page, linked] = await Promise.all([
    connector.listGroups({ limit, offset }),
    linkedRemoteGroups(db, vendor, groupId),
  ]);
  return {
    groups: page.items.map((g) => ({ ...g, linkedTo: linked.get(g.id) ?? null })),
    nextOffset: page.hasMore ? offset + limit : null,
  };
});
