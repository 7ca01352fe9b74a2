// Daily: the API request log forgets requests older than 30 days (REQUEST_LOG_DAYS); without this it
// grows by a row per API request forever.
import { getDb } from "@/db/client";
import { pruneRequestLog } from "@/db/queries/api-keys-usage";
import { inngest } from "../client";

export const apiLogPrune = inngest.createFunction(
  {
    id: "api-log-prune",
    name: "Prune the API request log",
    triggers: [{ cron: "TZ=UTC 20 0 * * *" }],
    retries: 3,
  },
  async ({ step }) => step.run("prune", async () => ({ deleted: await pruneRequestLog(await getDb()) })),
);
