// Webhook deliveries as durable workflows: thin orchestration over lib/webhooks/delivery.ts, where the
// database holds every delivery's state. A run drains its endpoint in order, sleeping until a failed
// delivery's next retry; runs per endpoint are serialised (concurrency 1 per endpoint, plus the endpoint
// lease for runs that are asleep). A run hands over to a fresh one after 100 rounds to keep its history
// short. The fan-out watcher's sweep (lib/webhooks/fan-out.ts) restarts endpoints nobody is working on.
import { getDb } from "@/db/client";
import { deliverNext } from "@/lib/webhooks/delivery";
import { inngest } from "../client";
import { webhookPending } from "../events";

const ROUNDS = 100;

export const webhookDeliver = inngest.createFunction(
  {
    id: "webhook-deliver",
    name: "Webhook delivery",
    triggers: [webhookPending],
    concurrency: { key: "event.data.endpointId", limit: 1 },
    retries: 5,
  },
  async ({ event, step }) => {
    const { endpointId } = event.data;
    for (let i = 0; i < ROUNDS; i++) {
      const r = await step.run(`deliver-${i}`, async () => deliverNext(await getDb(), endpointId));
      if (r.state === "idle" || r.state === "busy" || r.state === "stopped") return r.state;
      if (r.state === "retry") await step.sleepUntil(`retry-${i}`, r.until);
    }
    await step.sendEvent("continue", { name: webhookPending.name, data: { endpointId } });
    return "continued";
  },
);
