// Applies one SDK response to the run's state. The caller runs this in ONE transaction together with
// deleting the job, so a crash either loses the whole response (the call is replayed) or none of it.
import { randomUUID } from "node:crypto";
import { durationToMs } from "inngest";
import type { Tx } from "@/db/client";
import { wfWaits } from "@/db/schema";
import {
  insertJob,
  pendingStepJobs,
  requeueJob,
  scheduleDiscovery,
  timerKey,
  type WorkflowJob,
} from "@/db/queries/workflow-jobs";
import {
  finishStep,
  getStep,
  noteStepError,
  openStep,
  updateRun,
  type WorkflowRun,
} from "@/db/queries/workflow-state";
import { parseCondition } from "./expr";
import { endRun, startRun, type Engine } from "./runs";
import type { CallResult, Op, SerializedError } from "./types";

export type Backoff = (attempt: number) => number;

export const stepName = (op: Op) => op.displayName ?? op.userland?.id ?? op.name ?? op.id;

export async function applyResult(
  tx: Tx,
  engine: Engine,
  run: WorkflowRun,
  job: WorkflowJob,
  result: CallResult,
  backoff: Backoff,
): Promise<void> {
  const spec = engine.specs.get(run.fnId)!;
  // One UPDATE of the run per response (written before anything that reads or ends the run).
  const patch: Partial<WorkflowRun> = {
    status: "running",
    startedAt: run.startedAt ?? new Date(),
    version: run.version === -1 ? result.version : run.version,
    // A step job must not clear a flag that an in-flight discovery call is going to read.
    ...(job.kind === "discover" ? { rediscover: false } : {}),
  };
  if (result.kind === "done")
    return endRun(tx, engine, run.id, "completed", { output: result.output }, run, patch);
  if (result.kind === "error") {
    const attempt = job.attempt + 1;
    if (result.retriable && attempt < spec.maxAttempts) {
      await updateRun(tx, run.id, { ...patch, attempt, error: result.error });
      return requeueJob(
        tx,
        job,
        attempt,
        new Date(Date.now() + (result.retryAfterMs ?? backoff(job.attempt))),
      );
    }
    return endRun(tx, engine, run.id, "failed", { error: result.error }, run, patch);
  }

  let progressed = false; // a step finished: the function must be called again to go on
  let planned = 0;
  for (const op of result.ops) {
    switch (op.op) {
      case "StepRun":
        await finishStep(tx, {
          runId: run.id,
          stepId: op.id,
          name: stepName(op),
          op: op.op,
          memo: { data: op.data ?? null },
          attempt: job.attempt,
        });
        progressed = true;
        break;
      case "StepFailed":
        await finishStep(tx, {
          runId: run.id,
          stepId: op.id,
          name: stepName(op),
          op: op.op,
          memo: { error: op.error ?? {} },
          failed: true,
          attempt: job.attempt,
        });
        progressed = true;
        break;
      case "StepError": {
        await noteStepError(tx, run.id, op.id, stepName(op), job.attempt, op.error ?? null);
        const retryAfter = retryAfterMs(result);
        await insertJob(tx, {
          kind: "step",
          runId: run.id,
          stepId: op.id,
          attempt: job.kind === "step" && job.stepId === op.id ? job.attempt + 1 : 1,
          runAt: new Date(Date.now() + (retryAfter ?? backoff(job.attempt))),
          concurrencyKey: run.concurrencyKey,
          payload: { name: stepName(op) },
        });
        break;
      }
      case "StepPlanned":
        planned++;
        if (await getStep(tx, run.id, op.id).then((s) => s?.memo != null)) break;
        await openStep(tx, run.id, op.id, stepName(op), op.op);
        await insertJob(tx, {
          kind: "step",
          runId: run.id,
          stepId: op.id,
          concurrencyKey: run.concurrencyKey,
          dedupeKey: `step:${run.id}:${op.id}`,
          payload: { name: stepName(op) },
        });
        break;
      case "Sleep":
        await openStep(tx, run.id, op.id, stepName(op), op.op, true);
        await insertJob(tx, {
          kind: "timer",
          runId: run.id,
          stepId: op.id,
          runAt: wakeAt(op.name ?? "0s"),
          dedupeKey: timerKey(run.id, op.id),
          payload: { type: "sleep", name: stepName(op) },
        });
        break;
      case "WaitForEvent":
        await waitForEvent(tx, run, op);
        break;
      case "InvokeFunction":
        await invoke(tx, engine, run, op);
        break;
      default:
        return endRun(
          tx,
          engine,
          run.id,
          "failed",
          {
            error: {
              name: "UnsupportedOperation",
              message: `The embedded executor does not support the SDK operation "${op.op}"`,
            },
          },
          run,
          patch,
        );
    }
  }
  // Several steps found in one call (Promise.all): from now on every step is planned, then run alone.
  if (planned > 1) patch.disableImmediate = true;
  if (progressed) Object.assign(patch, { attempt: 0, error: null });
  await updateRun(tx, run.id, patch);
  const rediscover = job.kind === "discover" && run.rediscover;
  if (
    job.kind === "discover"
      ? progressed || rediscover
      : progressed && (await pendingStepJobs(tx, run.id)) === 0
  )
    await scheduleDiscovery(tx, run.id, run.concurrencyKey);
}

// RetryAfterError: the SDK puts the delay in the response's retry-after header.
const retryAfterMs = (result: CallResult) => (result.kind === "ops" ? result.retryAfterMs : undefined);

/** Sleep's duration or date is in the op's name ("2s", or an ISO date for sleepUntil). */
export function wakeAt(name: string): Date {
  const date = /^\d{4}-\d\d-\d\dT/.test(name) ? Date.parse(name) : NaN;
  return new Date(Number.isNaN(date) ? Date.now() + durationToMs(name) : date);
}

async function waitForEvent(tx: Tx, run: WorkflowRun, op: Op) {
  const opts = (op.opts ?? {}) as { timeout?: string; if?: string };
  if (opts.if) parseCondition(opts.if); // throws: the call is retried, then the run fails with the message
  await openStep(tx, run.id, op.id, op.name ?? "waitForEvent", op.op, true);
  await tx
    .insert(wfWaits)
    .values({ runId: run.id, stepId: op.id, event: op.name!, expr: opts.if ?? null })
    .onConflictDoNothing();
  await insertJob(tx, {
    kind: "timer",
    runId: run.id,
    stepId: op.id,
    runAt: new Date(Date.now() + durationToMs(opts.timeout ?? "7d")),
    dedupeKey: timerKey(run.id, op.id),
    payload: { type: "wait" },
  });
}

async function invoke(tx: Tx, engine: Engine, run: WorkflowRun, op: Op) {
  const opts = (op.opts ?? {}) as {
    function_id?: string;
    payload?: { data?: Record<string, unknown> };
    timeout?: string;
  };
  const target = opts.function_id ? engine.specs.get(opts.function_id) : undefined;
  await openStep(tx, run.id, op.id, stepName(op), op.op, true);
  if (!target) {
    const error: SerializedError = {
      name: "Error",
      message: `No function with id "${opts.function_id}" to invoke`,
    };
    await finishStep(tx, {
      runId: run.id,
      stepId: op.id,
      name: stepName(op),
      op: op.op,
      memo: { error },
      failed: true,
    });
    return scheduleDiscovery(tx, run.id, run.concurrencyKey);
  }
  const event = {
    id: randomUUID(),
    name: "inngest/function.invoked",
    data: opts.payload?.data ?? {},
    ts: Date.now(),
  };
  await startRun(tx, engine, target, event, { parent: { runId: run.id, stepId: op.id }, skipDebounce: true });
  if (opts.timeout)
    await insertJob(tx, {
      kind: "timer",
      runId: run.id,
      stepId: op.id,
      runAt: new Date(Date.now() + durationToMs(opts.timeout)),
      dedupeKey: timerKey(run.id, op.id),
      payload: { type: "invoke" },
    });
}
