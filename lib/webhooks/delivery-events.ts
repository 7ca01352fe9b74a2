// Asking the workflow executor to deliver an endpoint's waiting webhooks. Never inside a transaction (the
// executor records the event with its own database access). Without an executor in this process (CLI,
// tests) the event cannot be sent: the deliveries stay pending and the site's sweep (below) picks them up.
import type { DbOrTx } from "@/db/client";
import { sendEvent } from "@/inngest/send";
import { AppError } from "@/lib/core/errors";
import { endpointsNeedingDelivery } from "@/db/queries/webhook-deliveries";

export async function requestDelivery(endpointId: string): Promise<void> {
  try {
    await sendEvent("guildhall/webhook.pending", { endpointId });
  } catch (e) {
    if (e instanceof AppError && e.code === "unavailable") return; // expected outside the site process
    console.warn("[webhooks] delivery not requested now, the sweep will:", (e as Error).message);
  }
}

/** Asks again for endpoints with deliveries due that nobody is working on (lost event, crash, CLI write). */
export async function sweepWebhooks(db: DbOrTx): Promise<number> {
  const ids = await endpointsNeedingDelivery(db);
  for (const id of ids) await requestDelivery(id);
  return ids.length;
}

/** Started with the app (lib/server-services.ts): the sweep every 30 s. */
export function startWebhookSweep(db: DbOrTx): { stop: () => void } {
  const timer = setInterval(
    () => void sweepWebhooks(db).catch((e) => console.warn("[webhooks] sweep:", (e as Error).message)),
    30_000,
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
