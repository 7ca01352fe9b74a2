// Test support for the executor: a client wired to the embedded event API, an executor on a test
// database with fast backoff, and waiting for runs to settle.
import { setTimeout as sleep } from "node:timers/promises";
import { Inngest, type InngestFunction } from "inngest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { wfRuns, wfSteps } from "@/db/schema";
import { embeddedCheckpointing } from "../checkpoint";
import { embeddedEventApiOrigin, embeddedFetch } from "../event-api";
import { Executor, type ExecutorOptions } from "../executor";
import { generatedSigningKey } from "../keys";

export const testClient = (id = "test", fetch: typeof embeddedFetch = embeddedFetch) =>
  new Inngest({
    id,
    checkpointing: embeddedCheckpointing,
    isDev: false,
    signingKey: generatedSigningKey,
    eventKey: "embedded",
    baseUrl: embeddedEventApiOrigin,
    fetch,
    // Tests throw on purpose; the SDK would print every step error's stack.
    logger: { info() {}, warn() {}, error() {}, debug() {} },
  });

export async function startExecutor(
  handle: DbHandle,
  client: Inngest.Any,
  functions: readonly InngestFunction.Any[],
  opts: Partial<ExecutorOptions> = {},
) {
  const executor = new Executor({
    handle,
    client,
    functions,
    leaseMs: 2_000,
    backoff: { baseMs: 30, maxMs: 200 },
    sweepMs: 500,
    ...opts,
  });
  await executor.start();
  return executor;
}

export async function runsOf(handle: DbHandle, fnId: string) {
  return handle.db.select().from(wfRuns).where(eq(wfRuns.fnId, fnId));
}

/** Waits until `fnId` has `count` runs and all of them have ended. */
export async function settled(handle: DbHandle, fnId: string, count = 1, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const runs = await runsOf(handle, fnId);
    if (runs.length >= count && runs.every((r) => ["completed", "failed", "cancelled"].includes(r.status)))
      return runs;
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${fnId}: ${JSON.stringify(runs.map((r) => r.status))}`);
    await sleep(25);
  }
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
  intervalMs = 25,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error("timed out");
    await sleep(intervalMs);
  }
}

export async function stepsOf(handle: DbHandle, runId: string) {
  return handle.db.select().from(wfSteps).where(eq(wfSteps.runId, runId)).orderBy(wfSteps.seq);
}
