// Due work of the embedded workflow executor: inserting and settling jobs, lease renewal and release,
// and the next wake-up time (claiming is in workflow-claims.ts).
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../client";
import { wfJobs, wfRuns, type WorkflowJobKind } from "../schema";

export type WorkflowJob = typeof wfJobs.$inferSelect;

export type NewJob = {
  kind: WorkflowJobKind;
  runId?: string | null;
  stepId?: string | null;
  attempt?: number;
  runAt?: Date;
  concurrencyKey?: string | null;
  dedupeKey?: string | null;
  payload?: Record<string, unknown> | null;
};

export async function insertJob(tx: DbOrTx, job: NewJob): Promise<boolean> {
  const rows = await tx
    .insert(wfJobs)
    .values({ ...job, runAt: job.runAt ?? new Date() })
    .onConflictDoNothing()
    .returning({ id: wfJobs.id });
  return rows.length > 0;
}

export const discoverKey = (runId: string) => `discover:${runId}`;
export const timerKey = (runId: string, stepId: string) => `timer:${runId}:${stepId}`;

/**
 * Asks for a discovery call of a run. Discovery calls of one run never overlap: if one is in flight, the
 * run is flagged so that call's response schedules the next one. Caller holds the run's row lock.
 */
export async function scheduleDiscovery(tx: Tx, runId: string, concurrencyKey: string | null, at?: Date) {
  const [existing] = await tx
    .select({ id: wfJobs.id, leaseUntil: wfJobs.leaseUntil })
    .from(wfJobs)
    .where(eq(wfJobs.dedupeKey, discoverKey(runId)));
  if (existing) {
    if (existing.leaseUntil) await tx.update(wfRuns).set({ rediscover: true }).where(eq(wfRuns.id, runId));
    return;
  }
  await insertJob(tx, { kind: "discover", runId, concurrencyKey, dedupeKey: discoverKey(runId), runAt: at });
}

/** A retry of the same call, later (the discovery dedupe key is kept, so it stays the run's only one). */
export async function requeueJob(tx: Tx, job: WorkflowJob, attempt: number, runAt: Date) {
  await insertJob(tx, {
    kind: job.kind,
    runId: job.runId,
    stepId: job.stepId,
    attempt,
    runAt,
    concurrencyKey: job.concurrencyKey,
    dedupeKey: job.dedupeKey,
    payload: job.payload,
  });
}

/** Deletes a claimed job; false when the lease was lost (another worker owns the call now). */
export async function completeJob(tx: Tx, job: WorkflowJob, owner: string): Promise<boolean> {
  const rows = await tx
    .delete(wfJobs)
    .where(and(eq(wfJobs.id, job.id), eq(wfJobs.leaseOwner, owner)))
    .returning({ id: wfJobs.id });
  return rows.length > 0;
}

export async function pendingStepJobs(tx: Tx, runId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(wfJobs)
    .where(and(eq(wfJobs.runId, runId), eq(wfJobs.kind, "step")));
  return row.n;
}

export async function renewLeases(db: DbOrTx, owner: string, ids: number[], leaseMs: number) {
  if (!ids.length) return;
  await db
    .update(wfJobs)
    .set({ leaseUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
    .where(and(inArray(wfJobs.id, ids), eq(wfJobs.leaseOwner, owner)));
}

/** Hands a claimed but unstarted job back (graceful shutdown). */
export async function releaseJobs(db: DbOrTx, owner: string, ids: number[]) {
  if (!ids.length) return;
  await db
    .update(wfJobs)
    .set({ leaseOwner: null, leaseUntil: null })
    .where(and(inArray(wfJobs.id, ids), eq(wfJobs.leaseOwner, owner)));
}

/** When the next job becomes due (or an expired lease can be taken over); null when there is no work. */
export async function nextDueAt(db: DbOrTx): Promise<Date | null> {
  const [row] = await db.execute<{ at: string | null }>(
    sql`select min(coalesce(lease_until, run_at)) as at from wf_jobs`,
  );
  return row?.at ? new Date(row.at) : null;
}

/**
 * Takes the run's pending discovery call if it is due and not limited by a concurrency key: the worker
 * that just applied a step goes straight on with the same run instead of a round through the queue.
 */
export async function claimRunDiscovery(db: DbOrTx, owner: string, runId: string, leaseMs: number) {
  const [job] = await db
    .update(wfJobs)
    .set({ leaseOwner: owner, leaseUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
    .where(
      and(
        eq(wfJobs.dedupeKey, discoverKey(runId)),
        sql`${wfJobs.runAt} <= now()`,
        isNull(wfJobs.leaseUntil),
        isNull(wfJobs.concurrencyKey),
      ),
    )
    .returning();
  return job ?? null;
}
