// Daily: groups whose membership depends on the date alone ("expires within 30 days", member status)
// are recomputed, so people move in and out without being edited. Runs shortly after midnight UTC,
// matching the UTC "today" the group conditions use.
import { getDb } from "@/db/client";
import { reevaluateTimeBasedGroups } from "@/lib/changes/group-membership";
import { inngest } from "../client";

export const groupsDaily = inngest.createFunction(
  {
    id: "groups-daily",
    name: "Re-evaluate time-based groups",
    triggers: [{ cron: "TZ=UTC 5 0 * * *" }],
    retries: 3,
  },
  async ({ step }) => step.run("reevaluate", async () => reevaluateTimeBasedGroups(await getDb())),
);
