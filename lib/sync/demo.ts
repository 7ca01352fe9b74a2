// Demo wiring for `npm start` (called by scripts/start.ts): connect Mobilize to the local stand-in,
// allow syncs on staging, and link one local group to a stand-in group so a new user sees a sync run.
import type { Db } from "@/db/client";
import { getSiteSettings, updateSiteSettings } from "@/db/queries/site-settings";
import { getLinkForGroup, saveSyncLink } from "@/db/queries/sync-links";
import { groups } from "@/db/schema";
import { saveConnection } from "@/lib/connectors/connections";
import { createMobilizeConnector } from "@/lib/connectors/mobilize/connector";
import { requestSync } from "./triggers";

export const demoStandInCredentials = { apiKey: "standin-key", apiSecret: "standin-secret" };

/**
 * `baseUrl` is the stand-in's API root, e.g. `http://localhost:4010/v1` (startMobilizeStandIn().url).
 * Idempotent. Returns the link id, or null when there is no local group to link.
 */
export async function setUpDemoMobilize(db: Db, baseUrl: string): Promise<string | null> {
  const connector = createMobilizeConnector({ baseUrl, ...demoStandInCredentials });
  await connector.testConnection();
  await saveConnection(db, { vendor: "mobilize", baseUrl, ...demoStandInCredentials });
  if (!(await getSiteSettings(db)).allowSyncsOnStaging)
    await updateSiteSettings(db, { allowSyncsOnStaging: true }, "system");
  const local = await db.select({ id: groups.id, name: groups.name }).from(groups).orderBy(groups.name);
  const group = local.find((g) => /board|member/i.test(g.name)) ?? local[0];
  if (!group) return null;
  const existing = await getLinkForGroup(db, "mobilize", group.id);
  if (existing) return existing.id;
  const { items } = await connector.listGroups({ limit: 100, offset: 0 });
  const remote = items.find((g) => g.parentId === null);
  if (!remote) return null;
  const link = await saveSyncLink(db, {
    vendor: "mobilize",
    groupId: group.id,
    remoteGroupId: remote.id,
    remoteGroupName: remote.name,
  });
  // Needs the embedded executor; when it is not running yet, the hourly reconciliation (or Sync now) starts it.
  await requestSync(db, link.id, "demo link").catch(() => {});
  return link.id;
}
