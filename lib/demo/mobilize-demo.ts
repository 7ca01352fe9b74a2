// The demo's Mobilize: `npm start` runs the stand-in beside the site (in the start process) so a new user
// sees a group sync happen with no account anywhere. Only used on the embedded demo defaults.
import type { Db } from "@/db/client";
import { createGroup } from "@/lib/groups/definitions";
import { getIntegration } from "@/db/queries/integrations";
import { setUpDemoMobilize } from "@/lib/sync/demo";
import { startMobilizeStandIn, type MobilizeStandIn } from "@/scripts/stand-ins/mobilize/server";

export const DEMO_STANDIN_PORT = 4010;

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
