// The one Inngest client. In server mode it talks to Inngest Cloud or a self-hosted server with the
// configured keys; in embedded mode its event API calls never leave the process: the `fetch` option hands
// them to the embedded executor (inngest/embedded), and fails at once when no executor is running.
import { Inngest } from "inngest";
import { env } from "@/lib/core/env";
import { embeddedCheckpointing } from "./embedded/checkpoint";
import { embeddedEventApiOrigin, embeddedFetch } from "./embedded/event-api";
import { generatedSigningKey } from "./embedded/keys";

export const inngestAppId = "guildhall";
export const embedded = env.INNGEST_MODE === "embedded";

export const inngest = new Inngest({
  id: inngestAppId,
  // Checkpointing: the SDK runs a run's steps one after another in one call, posting each result to the
  // Inngest API before the next step starts. Embedded mode serves that API (embedded/checkpoint.ts) and
  // stores each result as it comes (one step per checkpoint: nothing runs on an unstored result); server
  // mode keeps the server's own step-per-request scheduling.
  checkpointing: embedded ? embeddedCheckpointing : false,
  ...(embedded
    ? {
        isDev: false,
        // Cloud mode needs keys even for the private in-process handler; they never leave the process.
        signingKey: generatedSigningKey,
        eventKey: "embedded",
        baseUrl: embeddedEventApiOrigin,
        fetch: embeddedFetch,
      }
    : {
        signingKey: env.INNGEST_SIGNING_KEY,
        signingKeyFallback: env.INNGEST_SIGNING_KEY_FALLBACK,
        eventKey: env.INNGEST_EVENT_KEY,
        baseUrl: env.INNGEST_BASE_URL,
        isDev: env.INNGEST_DEV ? true : undefined,
      }),
});
