// One SDK call for a discovery or step job: build the request from the run's cursor (its event and memo),
// call the private handler, then apply the response and settle the job in one transaction. The two
// commonest answers (a step that ran inline, the function's return) are each applied by one statement,
// and the worker goes straight on with the same run, carrying the memo instead of reading it back. Discovery
// calls of unkeyed runs let the SDK checkpoint (checkpoint.ts): it then runs the steps one after another in
// the same call, each result stored by one statement before the next step starts.
import { eq } from "drizzle-orm";
import { wfJobs } from "@/db/schema";
import { claimRunDiscovery, completeJob, releaseJobs, type WorkflowJob } from "@/db/queries/workflow-jobs";
import {
  applyCheckpointedStep,
  applyRunCompleted,
  applyStepRun,
  loadRunCursors,
  type RunCursor,
} from "@/db/queries/workflow-hot-path";
import { lockRun } from "@/db/queries/workflow-state";
import { applyResult, stepName, type Backoff } from "./apply";
import { openCheckpoints } from "./checkpoint";
import { endRun } from "./runs";
import type { Executor } from "./executor";
import type { CallResult, Op, SerializedError } from "./types";

const active = (status: string) => status === "queued" || status === "running";

/** What the worker does next: the same run's next call (with its cursor when still exact), or nothing. */
export type Next = { job: WorkflowJob; cursor?: RunCursor } | null;

/** The call body as one JSON text parsed once: fresh objects for the SDK, nothing serialised twice. */
function callBody(c: RunCursor, attempt: number, maxAttempts: number, checkpointId?: string): unknown {
  // fn_id and qi_id switch the SDK's checkpointing on (its POSTs reach checkpoint.ts); qi_id names the call.
  const checkpointing = checkpointId
    ? `"fn_id":${JSON.stringify(c.fnId)},"qi_id":${JSON.stringify(checkpointId)},`
    : "";
  const ctx =
    `{"run_id":${JSON.stringify(c.id)},${checkpointing}"attempt":${attempt},"max_attempts":${maxAttempts},` +
    `"disable_immediate_execution":${c.disableImmediate},"use_api":false,` +
    `"stack":{"stack":${JSON.stringify(c.stack)},"current":${c.stack.length}}}`;
  return JSON.parse(
    `{"event":${c.event},"events":[${c.event}],"version":${c.version},"steps":{${c.memo}},"ctx":${ctx}}`,
  );
}

export async function callStep(
  executor: Executor,
  job: WorkflowJob,
  cursor: RunCursor | undefined,
  backoff: Backoff,
): Promise<Next> {
  const { db, sql, transport, owner, leaseMs, notify, notifyNow } = executor.internals;
  const engine = executor.engine;
  const run = cursor ?? (await loadRunCursors(sql, [job.runId!])).get(job.runId!);
  if (!run || !active(run.status)) {
    await db.delete(wfJobs).where(eq(wfJobs.id, job.id));
    return null;
  }
  const spec = engine.specs.get(run.fnId);
  if (!spec) {
    const error = { name: "Error", message: `The function "${run.fnId}" no longer exists in this app` };
    await db.transaction(async (tx) => {
      const locked = await lockRun(tx, run.id);
      if (await completeJob(tx, job, owner)) await endRun(tx, engine, run.id, "failed", { error }, locked);
    });
    return null;
  }
  // Keyed runs go back through the queue after each step, where their concurrency limit is counted, so
  // only unkeyed runs go on in the same call (checkpointing) or with the same worker.
  const keep = !run.concurrencyKey && !executor.stopping;
  const checkpoints = { stored: 0, stale: false };
  const cp =
    job.kind === "discover" && keep
      ? openCheckpoints({
          runId: run.id,
          store: async (steps: Op[]) => {
            for (const step of steps) {
              // Anything else is left for the response (the SDK falls back to it after its retries).
              if (step.op !== "StepRun") return 400;
              const stored = await applyCheckpointedStep(sql, {
                runId: run.id,
                jobId: job.id,
                owner,
                stepId: step.id,
                name: stepName(step),
                memo: JSON.stringify({ data: step.data ?? null }),
              });
              if (!stored) checkpoints.stale = true;
              else checkpoints.stored++;
            }
            // Stopping: the step is stored; end the call here, the run goes on after the restart.
            if (executor.stopping) checkpoints.stale = true;
            return checkpoints.stale ? 409 : 200;
          },
        })
      : null;
  let result: CallResult;
  try {
    const body = callBody(run, job.attempt, spec.maxAttempts, cp?.id);
    result = await transport.call(run.fnId, job.kind === "discover" ? "step" : job.stepId!, body);
  } catch (e) {
    const error: SerializedError = { name: (e as Error).name, message: (e as Error).message };
    result = { kind: "error", error, retriable: true, version: run.version };
  } finally {
    cp?.done();
  }
  if (checkpoints.stale) {
    // The SDK stopped at our 409 and answered an error that is not the function's: hand the job back (a
    // no-op if another worker owns it); the next call replays from what is stored.
    await releaseJobs(db, owner, [job.id]);
    await notifyNow();
    return null;
  }

  const op = result.kind === "ops" && result.ops.length === 1 ? result.ops[0] : undefined;
  if (job.kind === "discover" && op?.op === "StepRun") {
    const applied = await applyStepRun(sql, {
      runId: run.id,
      jobId: job.id,
      owner,
      nextOwner: keep ? owner : null,
      leaseMs,
      version: result.version,
      stepId: op.id,
      name: stepName(op),
      memo: JSON.stringify({ data: op.data ?? null }),
      attempt: job.attempt,
    });
    if (applied.kind !== "applied") return null;
    if (!keep) {
      await notifyNow();
      return null;
    }
    const entry = `${JSON.stringify(op.id)}:${applied.memo}`;
    return {
      job: { ...job, attempt: 0, runAt: new Date() },
      // Another step finished while this call ran (rediscover): its memo is only in the database. (A step
      // memoized twice would be listed twice here, but once by a reload: read it back too.)
      cursor:
        applied.rediscover || run.stack.includes(op.id) || checkpoints.stored
          ? undefined
          : {
              ...run,
              status: "running",
              version: applied.version,
              memo: run.memo ? `${run.memo},${entry}` : entry,
              stack: [...run.stack, op.id],
            },
    };
  }
  if (result.kind === "done" && !run.parentRunId) {
    const outcome = await applyRunCompleted(sql, {
      runId: run.id,
      jobId: job.id,
      owner,
      version: result.version,
      output: JSON.stringify(result.output ?? null),
    });
    // A freed concurrency slot may let another process's job run.
    if (outcome === "applied" && run.concurrencyKey) await notifyNow();
    return null;
  }

  await db.transaction(async (tx) => {
    // The run's lock first, then its jobs: the order every writer of run state follows.
    const locked = await lockRun(tx, run.id);
    if (!(await completeJob(tx, job, owner))) return; // lease lost: another worker redid this call
    if (!locked || !active(locked.status)) return; // cancelled meanwhile: the result is discarded
    await applyResult(tx, engine, locked, job, result, backoff);
    await notify(tx);
  });
  // Go straight on with the same run when its next call is already due (no queue round trip).
  if (executor.stopping) return null;
  const next = await claimRunDiscovery(db, owner, run.id, leaseMs);
  return next && { job: next };
}
