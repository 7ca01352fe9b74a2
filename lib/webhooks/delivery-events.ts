// Asking the workflow executor to deliver an endpoint's waiting webhooks. Never inside a transaction (the
// executor records the event with its own database access). Without an executor in this process (CLI,
// tests) the event cannot be sent: the deliveries stay pending and the site's sweep (fan-out.ts) picks
// them up.
import { sendEvent } from "@/inngest/send";
import { AppError } from "@/lib/errors";

export async function requestDelivery(endpointId: string): Promise<void> {
  try {
    await sendEvent("guildhall/webhook.pending", { endpointId });
  } catch (e) {
    if (e instanceof AppError && e.code === "unavailable") return; // expected outside the site process
    console.warn("[webhooks] delivery not requested now, the sweep will:", (e as Error).message);
  }
}
