// Background services of the app process, started once from instrumentation.ts.
import { getHandle } from "@/db/client";

export async function startServerServices(): Promise<void> {
  const handle = await getHandle();
  await (await import("@/lib/groups/follower")).startGroupFollower(handle);
  if ((await import("@/lib/env")).env.INNGEST_MODE === "embedded")
    await (await import("@/inngest/embedded")).startEmbeddedExecutor();
  await (await import("@/lib/sync/watch")).startSyncWatch(handle);
  await (await import("@/lib/webhooks/fan-out")).startWebhookFanOut(handle);
}
