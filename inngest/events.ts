// Every event the app sends, with its zod schema: `sendEvent()` validates with it and functions use the
// same object as their trigger, so sender and handler cannot drift apart. Add new events to `events`.
import { eventType } from "inngest";
import { z } from "zod";

export const demoRequested = eventType("guildhall/demo.requested", {
  schema: z.object({
    /** How many steps to run (default 3). */
    steps: z.number().int().min(1).max(50).optional(),
    /** Pause after the first step, e.g. "2s" or "1m". */
    sleep: z
      .string()
      .regex(/^\d+(ms|s|m|h)$/, "use a duration like 2s or 1m")
      .optional(),
    /** Make the last step throw on every attempt (exercises retries, onFailure and Retry). */
    fail: z.boolean().optional(),
  }),
});

/** A group sync should run (lib/sync/triggers.ts); bursts per link are debounced into one run. */
export const syncRequested = eventType("guildhall/sync.requested", {
  schema: z.object({ linkId: z.string().uuid(), reason: z.string().max(100) }),
});

/** A webhook endpoint has deliveries waiting (lib/webhooks); one delivery at a time per endpoint. */
export const webhookPending = eventType("guildhall/webhook.pending", {
  schema: z.object({ endpointId: z.string().uuid() }),
});

export const events = { demoRequested, syncRequested, webhookPending } as const;

type Events = (typeof events)[keyof typeof events];
export type EventName = Events["name"];
type EventOf<N extends EventName> = Extract<Events, { name: N }>;
export type EventData<N extends EventName> = z.input<NonNullable<EventOf<N>["schema"]>>;

export function eventTypeByName(name: string): Events | undefined {
  return Object.values(events).find((e) => e.name === name);
}
