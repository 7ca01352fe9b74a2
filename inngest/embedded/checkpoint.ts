// The checkpoint API of embedded mode (the SDK's async checkpointing, reached through the client's `fetch`
// option like the event API). A discovery call that carries a checkpoint id (ctx.fn_id / ctx.qi_id) lets the
// SDK run step after step in one call: after each step it POSTs the result to
// /v1/checkpoint/<run id>/async and runs the next step only once that answered 200, so every result is
// stored before the next step starts, without the SDK replaying the whole function for every step.
// 409 is the SDK's "stale dispatch": it stops the call at once (lease lost, run ended, executor stopping).
import type { Op } from "./types";

/** The client's `checkpointing` option in embedded mode: every step is stored before the next one runs. */
export const embeddedCheckpointing = { bufferedSteps: 1, maxInterval: 0 } as const;

/** One in-flight call that accepts checkpoints: stores the steps, answers the HTTP status for the SDK. */
export type CheckpointTarget = { runId: string; store: (steps: Op[]) => Promise<number> };

const g = globalThis as unknown as { __guildhallCheckpointCalls?: Map<string, CheckpointTarget> };
const calls = (g.__guildhallCheckpointCalls ??= new Map());
let next = 0;

/** Registers a call; its id goes into the call's ctx.qi_id. Call `done` when the SDK has answered. */
export function openCheckpoints(target: CheckpointTarget): { id: string; done: () => void } {
  const id = `cp-${process.pid}-${++next}`;
  calls.set(id, target);
  return { id, done: () => calls.delete(id) };
}

type CheckpointBody = { run_id?: string; qi_id?: string; steps?: Op[] };

/** Handles POST /v1/checkpoint/<run id>/async: the status the SDK gets back. */
export async function receiveCheckpoint(runId: string, body: CheckpointBody): Promise<number> {
  const target = body.qi_id ? calls.get(body.qi_id) : undefined;
  // Unknown or finished call (a late retry after the response was applied): never store anything.
  if (!target || target.runId !== runId || body.run_id !== runId) return 409;
  return target.store(body.steps ?? []);
}
