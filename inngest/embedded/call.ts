// One SDK call for a discovery or step job: build the request from the stored run and memo, call the
// private handler, then apply the response and delete the job in a single transaction.
import { eq } from "drizzle-orm";
import { wfJobs, wfRuns } from "@/db/schema";
import { completeJob, type WorkflowJob } from "@/db/queries/workflow-jobs";
import { lockRun, memoOf } from "@/db/queries/workflow-state";
import { applyResult, type Backoff } from "./apply";
import { endRun } from "./runs";
import type { Executor } from "./executor";
import type { CallResult, SerializedError } from "./types";

const active = (status: string) => status === "queued" || status === "running";

export async function callStep(executor: Executor, job: WorkflowJob, backoff: Backoff): Promise<void> {
  const { db, transport, owner, notify } = executor.internals;
  const engine = executor.engine;
  const [run] = await db.select().from(wfRuns).where(eq(wfRuns.id, job.runId!));
  if (!run || !active(run.status)) {
    await db.delete(wfJobs).where(eq(wfJobs.id, job.id));
    return;
  }
  const spec = engine.specs.get(run.fnId);
  if (!spec) {
    const error = { name: "Error", message: `The function "${run.fnId}" no longer exists in this app` };
    await db.transaction(async (tx) => {
      if (await completeJob(tx, job, owner)) await endRun(tx, engine, run.id, "failed", { error });
    });
    return;
  }
  const memo = await memoOf(db, run.id);
  const body = {
    event: run.event,
    events: [run.event],
    version: run.version,
    steps: Object.fromEntries(memo.map((m) => [m.stepId, m.memo])),
    // No fn_id/qi_id: they switch on checkpointing, which posts to an Inngest API that is not there.
    ctx: {
      run_id: run.id,
      attempt: job.attempt,
      max_attempts: spec.maxAttempts,
      disable_immediate_execution: run.disableImmediate,
      use_api: false,
      stack: { stack: memo.map((m) => m.stepId), current: memo.length },
    },
  };
  let result: CallResult;
  try {
    result = await transport.call(run.fnId, job.kind === "discover" ? "step" : job.stepId!, body);
  } catch (e) {
    const error: SerializedError = { name: (e as Error).name, message: (e as Error).message };
    result = { kind: "error", error, retriable: true, version: run.version };
  }
  await db.transaction(async (tx) => {
    if (!(await completeJob(tx, job, owner))) return; // lease lost: another worker redid this call
    const locked = await lockRun(tx, run.id);
    if (!locked || !active(locked.status)) return; // cancelled meanwhile: the result is discarded
    await applyResult(tx, engine, locked, job, result, backoff);
    await notify(tx);
  });
}
