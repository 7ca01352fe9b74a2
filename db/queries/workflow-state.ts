// Runs and their memoized steps, as the embedded executor writes them (always inside its transaction).
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../client";
import { wfRuns, wfSteps, type WorkflowRunStatus } from "../schema";

export type WorkflowRun = typeof wfRuns.$inferSelect;
export type WorkflowStep = typeof wfSteps.$inferSelect;
export const activeStatuses: WorkflowRunStatus[] = ["queued", "running"];

export async function insertRun(tx: Tx, run: typeof wfRuns.$inferInsert): Promise<void> {
  await tx.insert(wfRuns).values(run);
}

/** Reads a run and locks its row: every change to one run's state is serialized on this lock. */
export async function lockRun(tx: Tx, runId: string): Promise<WorkflowRun | undefined> {
  const [run] = await tx.select().from(wfRuns).where(eq(wfRuns.id, runId)).for("update");
  return run;
}

export async function updateRun(tx: Tx, runId: string, values: Partial<typeof wfRuns.$inferInsert>) {
  await tx.update(wfRuns).set(values).where(eq(wfRuns.id, runId));
}

export async function findActiveRun(tx: Tx, fnId: string, singletonKey: string) {
  const [run] = await tx
    .select({ id: wfRuns.id })
    .from(wfRuns)
    .where(
      and(
        eq(wfRuns.fnId, fnId),
        eq(wfRuns.singletonKey, singletonKey),
        inArray(wfRuns.status, activeStatuses),
      ),
    )
    .limit(1);
  return run;
}

export async function activeRunsOf(tx: Tx, fnIds: string[]) {
  if (!fnIds.length) return [];
  return tx
    .select({ id: wfRuns.id, fnId: wfRuns.fnId, event: wfRuns.event, createdAt: wfRuns.createdAt })
    .from(wfRuns)
    .where(and(inArray(wfRuns.fnId, fnIds), inArray(wfRuns.status, activeStatuses)));
}

/** The memo the SDK gets back: finished steps keyed by hashed id, in completion order. */
export async function memoOf(db: DbOrTx, runId: string) {
  return db
    .select({ stepId: wfSteps.stepId, memo: wfSteps.memo })
    .from(wfSteps)
    .where(and(eq(wfSteps.runId, runId), isNotNull(wfSteps.memo)))
    .orderBy(asc(wfSteps.seq));
}

export async function getStep(tx: Tx, runId: string, stepId: string) {
  const [step] = await tx
    .select()
    .from(wfSteps)
    .where(and(eq(wfSteps.runId, runId), eq(wfSteps.stepId, stepId)));
  return step;
}

/** Records a step that started, waits or was planned (no memo yet). Idempotent. */
export async function openStep(
  tx: Tx,
  runId: string,
  stepId: string,
  name: string,
  op: string,
  waiting = false,
) {
  await tx
    .insert(wfSteps)
    .values({ runId, stepId, name, op, status: waiting ? "waiting" : "running" })
    .onConflictDoNothing();
}

/** Memoizes a step's result; moves it to the end of the completion order (the SDK's stack). */
export async function finishStep(
  tx: Tx,
  s: {
    runId: string;
    stepId: string;
    name: string;
    op: string;
    memo: unknown;
    failed?: boolean;
    attempt?: number;
  },
) {
  const status = s.failed ? "failed" : "completed";
  const attempts = (s.attempt ?? 0) + 1;
  const nextSeq = sql`nextval(pg_get_serial_sequence('wf_steps', 'seq'))`;
  await tx
    .insert(wfSteps)
    .values({
      runId: s.runId,
      stepId: s.stepId,
      name: s.name,
      op: s.op,
      status,
      memo: s.memo,
      attempts,
      endedAt: sql`now()`,
    })
    .onConflictDoUpdate({
      target: [wfSteps.runId, wfSteps.stepId],
      set: {
        status,
        memo: s.memo,
        attempts: sql`greatest(${wfSteps.attempts}, ${attempts})`,
        endedAt: sql`now()`,
        seq: nextSeq,
      },
    });
}

/** A failed attempt of a step that will be retried. */
export async function noteStepError(
  tx: Tx,
  runId: string,
  stepId: string,
  name: string,
  attempt: number,
  error: unknown,
) {
  await tx
    .insert(wfSteps)
    .values({
      runId,
      stepId,
      name,
      op: "StepRun",
      status: "running",
      attempts: attempt + 1,
      lastError: error,
    })
    .onConflictDoUpdate({
      target: [wfSteps.runId, wfSteps.stepId],
      set: { attempts: attempt + 1, lastError: error },
    });
}

/** Drops everything still scheduled for a finished run (one statement). */
export async function clearRunWork(tx: Tx, runId: string) {
  await tx.execute(sql`
    with jobs as (delete from wf_jobs where run_id = ${runId}),
      waits as (delete from wf_waits where run_id = ${runId})
    update wf_steps set status = 'failed', ended_at = now()
    where run_id = ${runId} and status in ('running', 'waiting')`);
}
