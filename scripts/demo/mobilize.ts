// The demo's Mobilize: `npm start` (scripts/start.ts) runs the stand-in beside the site (in the start
// process), connects Mobilize to it, allows syncs on staging and links one local group to a stand-in group,
// so a new user sees a group sync happen with no account anywhere. Only used on the embedded demo defaults.
import type { Db } from "@/db/client";
import { createGroup } from "@/lib/groups/definitions";
import { getIntegration, updateIntegrationBaseUrl } from "@/db/queries/integrations";
import { getSiteSettings, updateSiteSettings } from "@/db/queries/site-settings";
import { getLinkForGroup, saveSyncLink } from "@/db/queries/sync-links";
import { groups } from "@/db/schema";
import { openConnection, saveConnection } from "@/lib/connectors/connections";
import { createMobilizeConnector } from "@/lib/connectors/mobilize/connector";
import { requestSync } from "@/lib/sync/triggers";
import { startMobilizeStandIn, type MobilizeStandIn } from "@/scripts/stand-ins/mobilize/server";

/** The stand-in's usual port. Taken (a second Guildhall on this machine, anything else): a free one instead. */
export const DEMO_STANDIN_PORT = 4010;
export const demoStandInCredentials = { apiKey: "standin-key", apiSecret: "standin-secret" };

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Starts the stand-in with the same groups every time, so saved links keep pointing at the same ids. Listens
 * on `port` (0: any) when it is free, else on a free port the system picks (the result's `url` says which);
 * null, with a warning, only when it cannot listen at all. Never throws.
 */
export async function startDemoStandIn(port: number = DEMO_STANDIN_PORT): Promise<MobilizeStandIn | null> {
  let standIn: MobilizeStandIn;
  try {
    standIn = await startMobilizeStandIn({ port, host: "127.0.0.1" });
  } catch (first) {
    try {
      standIn = await startMobilizeStandIn({ port: 0, host: "127.0.0.1" });
    } catch (e) {
      console.warn(
        `  Demo Mobilize stand-in not started (port ${port}: ${(first as Error).message}; ` +
          `any free port: ${(e as Error).message}).`,
      );
      return null;
    }
  }
  const board = standIn.state.createGroup({ name: "Board Members" });
  standIn.state.createGroup({ name: "Board Committee", parent_group_id: board.id });
  standIn.state.createGroup({ name: "All Members Community" });
  return standIn;
}

/**
 * The saved Mobilize connection when it is the demo stand-in (a loopback URL with the demo's credentials),
 * else null. Whatever port it was saved with: the stand-in moves when its port is taken.
 */
async function demoConnection(db: Db): Promise<{ baseUrl: string; port: number } | null> {
  const row = await getIntegration(db, "mobilize");
  if (!row) return null;
  let url: URL;
  try {
    url = new URL(row.baseUrl);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" || !loopbackHosts.has(url.hostname)) return null;
  const connection = await openConnection(db, "mobilize").catch(() => null); // another site secret: not ours
  if (
    connection?.apiKey !== demoStandInCredentials.apiKey ||
    connection.apiSecret !== demoStandInCredentials.apiSecret
  )
    return null;
  return { baseUrl: row.baseUrl, port: Number(url.port) || 80 };
}

/**
 * Later starts: when the saved Mobilize connection is the demo stand-in, starts it again, on its saved port
 * when that is free, else on a free one, and then points the saved connection at the new URL so the demo's
 * link keeps syncing. Null when the demo does not use the stand-in (or it could not start).
 */
export async function resumeDemoStandIn(db: Db): Promise<MobilizeStandIn | null> {
  const saved = await demoConnection(db);
  if (!saved) return null;
  const standIn = await startDemoStandIn(saved.port);
  if (standIn && standIn.url !== saved.baseUrl) {
    await updateIntegrationBaseUrl(db, "mobilize", standIn.url);
    console.log(
      `  Port ${saved.port} is taken: the demo Mobilize stand-in now runs at ${standIn.url} (connection updated).`,
    );
  }
  return standIn;
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
