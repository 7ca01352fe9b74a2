// Group sync runs: thin orchestration over lib/sync/engine.ts. One run per link at a time (singleton
// keyed by link; a trigger arriving mid-run is skipped, but it set requested_at, so the run plans once
// more at its end); bursts of triggers are debounced into one run. Every step is safe to repeat: the
// engine's plan lives in the database and in-flight calls are settled against the remote side.
import { getDb } from "@/db/client";
import { getSyncLink, listSyncLinks, setLinkStatus } from "@/db/queries/sync-links";
import { applyNext, markLinkError, startRun } from "@/lib/sync/engine";
import { requestSync } from "@/lib/sync/triggers";
import { inngest } from "../client";
import { syncRequested } from "../events";

export const syncRun = inngest.createFunction(
  {
    id: "sync-run",
    name: "Group sync",
    triggers: [syncRequested],
    retries: 10,
    singleton: { key: "event.data.linkId", mode: "skip" },
    debounce: { key: "event.data.linkId", period: "1s", timeout: "10s" },
    onFailure: async ({ event, error }) => {
      const linkId = (event.data.event.data as { linkId: string }).linkId;
      await markLinkError(await getDb(), linkId, error);
    },
  },
  async ({ event, step }) => {
    const { linkId } = event.data;
    for (let round = 0; round < 3; round++) {
      const started = await step.run(`plan-${round}`, async () => {
        const db = await getDb();
        const at = new Date().toISOString();
        await setLinkStatus(db, linkId, { requestedAt: null });
        return { at, result: await startRun(db, linkId) };
      });
      let result = started.result;
      for (let i = 0; result.status === "syncing" && result.remaining > 0; i++)
        result = await step.run(`apply-${round}-${i}`, async () => applyNext(await getDb(), linkId));
      const again = await step.run(`requested-again-${round}`, async () => {
        const link = await getSyncLink(await getDb(), linkId);
        return Boolean(link?.requestedAt && link.requestedAt.toISOString() > started.at);
      });
      if (!again) return result;
    }
  },
);

/** Hourly: catches changes made by hand in Mobilize (hand-added members are removed, removed ones re-added). */
export const syncReconcile = inngest.createFunction(
  {
    id: "sync-reconcile",
    name: "Hourly sync reconciliation",
    triggers: [{ cron: "TZ=UTC 17 * * * *" }],
    retries: 3,
  },
  async ({ step }) =>
    step.run("request", async () => {
      const db = await getDb();
      const links = await listSyncLinks(db);
      for (const { link } of links) await requestSync(db, link.id, "hourly reconciliation");
      return links.length;
    }),
);
