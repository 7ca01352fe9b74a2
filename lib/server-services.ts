// Background services of the app process, started once from instrumentation.ts: the embedded workflow
// executor (unless an Inngest server drives the workflows), the consumers of the change log
// (lib/changes/consumers.ts) and the webhook sweep.
import { getHandle } from "@/db/client";
import { env } from "@/lib/core/env";

export async function startServerServices(): Promise<void> {
  const handle = await getHandle();
  if (env.INNGEST_MODE === "embedded") await (await import("@/inngest/embedded")).startEmbeddedExecutor();
  await (await import("@/lib/changes/consumers")).startChangeConsumers(handle);
  (await import("@/lib/webhooks/delivery-events")).startWebhookSweep(handle.db);
}
