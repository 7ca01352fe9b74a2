// The demo's Mobilize: `npm start` (scripts/start.ts) runs the stand-in beside the site (in the start
// process), connects Mobilize to it, allows syncs on staging and links one local group to a stand-in group,
// so a new user sees a group sync happen with no account anywhere. Only used on the embedded demo defaults.
import type { Db } from "@/db/client";
import { createGroup } from "@/lib/groups/definitions";
import { getIntegration } from "@/db/queries/integrations";
import { getSiteSettings, updateSiteSettings } from "@/db/queries/site-settings";
import { getLinkForGroup, saveSyncLink } from "@/db/queries/sync-links";
import { groups } from "@/db/schema";
import { saveConnection } from "@/lib/connectors/connections";
import { createMobilizeConnector } from "@/lib/connectors/mobilize/connector";
import { requestSync } from "@/lib/sync/triggers";
import { startMobilizeStandIn, type MobilizeStandIn } from "@/scripts/stand-ins/mobilize/server";

export const DEMO_STANDIN_PORT = 4010;
export const demoStandInCredentials = { apiKey: "standin-key", apiSecret: "standin-secret" };

/** Starts the stand-in with the same groups every time, so saved links keep pointing at the same ids. */
export async function startDemoStandIn(): Promise<MobilizeStandIn | null> {
  try {
    const standIn = await startMobilizeStandIn({ port: DEMO_STANDIN_PORT, host: "127.0.0.1" });
    const board = standIn.state.createGroup({ name: "Board Members" });
    standIn.state.createGroup({ name: "Board Committee", parent_group_id: board.id });
    standIn.state.createGroup({ name: "All Members Community" });
    return standIn;
  } catch (e) {
    console.warn(
      `  Demo Mobilize stand-in not started (port ${DEMO_STANDIN_PORT}: ${(e as Error).message}).`,
    );
    return null;
  }
}

/** Whether the saved Mobilize connection is the demo stand-in (then `npm start` must keep it running). */
export async function usesDemoStandIn(db: Db): Promise<boolean> {
  const row = await getIntegration(db, "mobilize");
  return Boolean(row?.baseUrl.includes(`:${DEMO_STANDIN_PORT}/`));
}

/** First start only: a group of current members with a login, linked to the stand-in's community. */
export async function linkDemoGroup(db: Db, standIn: MobilizeStandIn): Promise<void> {
  await createGroup(
    db,
    {
      name: "Current members",
      description: "Current or in-grace members with a user account (demo; synced to the Mobilize stand-in).",
      recordTypes: "people",
      conditions: {
        all: [
          { field: "member_status", op: "in", value: ["current", "grace"] },
          { field: "has_user_account", op: "is_true" },
        ],
      },
    },
    "system",
  );
  await setUpDemoMobilize(db, standIn.url);
}

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
