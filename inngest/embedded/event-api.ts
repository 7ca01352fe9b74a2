// The event API of embedded mode, reached through the Inngest client's `fetch` option: `inngest.send()`
// and `step.sendEvent()` POST to `${origin}/e/<key>`, and this hands the events to the executor running
// in this process; step checkpoints POST to `${origin}/v1/checkpoint/<run id>/async` (checkpoint.ts). Any
// other URL under the origin is an SDK call we do not serve (fail loudly).
import { receiveCheckpoint } from "./checkpoint";
import type { IncomingEvent } from "./types";

export const embeddedEventApiOrigin = "http://inngest-embedded.invalid/";

/** `seed` is the SDK's x-inngest-event-id-seed: stable across its own retries of one send. */
export type EventSink = (events: IncomingEvent[], seed?: string) => Promise<string[]>;

const g = globalThis as unknown as { __guildhallEventSink?: EventSink };

/** Set by the executor while it runs (null when it stops). */
export function setEventSink(sink: EventSink | null): void {
  g.__guildhallEventSink = sink ?? undefined;
}

export const embeddedExecutorRunning = (): boolean => Boolean(g.__guildhallEventSink);

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

export const embeddedFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.origin !== new URL(embeddedEventApiOrigin).origin) return fetch(input, init);
  const checkpoint = /^\/v1\/checkpoint\/([^/]+)\/async$/.exec(url.pathname);
  if (checkpoint && init?.method === "POST") {
    const status = await receiveCheckpoint(decodeURIComponent(checkpoint[1]), JSON.parse(String(init.body)));
    return new Response(null, { status });
  }
  if (!url.pathname.startsWith("/e/") || init?.method !== "POST")
    return json(404, { status: 404, error: `The embedded executor does not serve ${url.pathname}` });
  const sink = g.__guildhallEventSink;
  if (!sink)
    return json(503, { status: 503, error: "The embedded workflow executor is not running in this process" });
  const parsed = JSON.parse(String(init.body)) as IncomingEvent | IncomingEvent[];
  try {
    const seed = new Headers(init.headers).get("x-inngest-event-id-seed") ?? undefined;
    const ids = await sink(Array.isArray(parsed) ? parsed : [parsed], seed);
    return json(200, { ids, status: 200 });
  } catch (e) {
    return json(400, { status: 400, error: (e as Error).message });
  }
};
