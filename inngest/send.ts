// The way app code sends events: `await sendEvent("guildhall/demo.requested", { steps: 3 }, { id })`.
// Data is validated with the event's zod schema (same object the function triggers on); in embedded mode
// it fails at once, with an `unavailable` error, when the executor is not running in this process.
import { AppError, fromZodError } from "@/lib/core/errors";
import { embedded, inngest } from "./client";
import { embeddedExecutorRunning } from "./embedded/event-api";
import { eventTypeByName, type EventData, type EventName } from "./events";
import type { ZodType } from "zod";

export type SendOptions = {
  /** Deduplication id: a second event with the same id (within 24 h) starts nothing. */
  id?: string;
};

export async function sendEvent<N extends EventName>(
  name: N,
  data: EventData<N>,
  opts: SendOptions = {},
): Promise<string> {
  const type = eventTypeByName(name);
  if (!type)
    throw new AppError("invalid_input", `Unknown event "${name}"`, {
      fields: [{ field: "name", message: "unknown event" }],
    });
  const parsed = (type.schema as unknown as ZodType).safeParse(data);
  if (!parsed.success) throw fromZodError(parsed.error, "data");
  if (embedded && !embeddedExecutorRunning())
    throw new AppError("unavailable", "The workflow executor is not running in this process.");
  const { ids } = await inngest.send({ name, data: parsed.data as Record<string, unknown>, id: opts.id });
  return ids[0];
}
