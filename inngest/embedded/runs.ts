// Starting and ending runs, inside the caller's transaction: flow control (singleton, debounce,
// concurrency key), invoke parents, and the inngest/function.failed|cancelled events.
import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { wfJobs } from "@/db/schema";
import type { Tx } from "@/db/client";
import { discoverKey, insertJob, scheduleDiscovery } from "@/db/queries/workflow-jobs";
import {
  clearRunWork,
  findActiveRun,
  finishStep,
  insertRun,
  lockRun,
  updateRun,
  type WorkflowRun,
} from "@/db/queries/workflow-state";
import { evaluateKey, parseKey } from "./expr";
import type { FunctionSpec, SerializedError, StoredEvent } from "./types";

export type Engine = {
  specs: Map<string, FunctionSpec>;
  /** Events produced inside a transaction (function.failed…) are ingested in the same transaction. */
  ingest: (tx: Tx, events: StoredEvent[]) => Promise<void>;
};

const keyOf = (spec: FunctionSpec, expr: string | undefined, event: StoredEvent) =>
  `${spec.id}:${expr ? evaluateKey(parseKey(expr), event) : ""}`;

export type StartOptions = {
  parent?: { runId: string; stepId: string };
  skipDebounce?: boolean;
  trigger?: string;
};

/** Starts a run of `spec` for `event` (or defers it: debounce; or skips it: singleton). */
export async function startRun(
  tx: Tx,
  engine: Engine,
  spec: FunctionSpec,
  event: StoredEvent,
  o: StartOptions = {},
) {
  if (spec.debounce && !o.skipDebounce) return debounce(tx, spec, event);
  let singletonKey: string | null = null;
  if (spec.singleton) {
    singletonKey = keyOf(spec, spec.singleton.key, event);
    const active = await findActiveRun(tx, spec.id, singletonKey);
    if (active && spec.singleton.mode === "skip") return null;
    if (active)
      await endRun(tx, engine, active.id, "cancelled", {
        error: { name: "Cancelled", message: "Replaced by a newer run (singleton)" },
      });
  }
  const concurrencyKey = spec.concurrency ? keyOf(spec, spec.concurrency.key, event) : null;
  const id = randomUUID();
  await insertRun(tx, {
    id,
    fnId: spec.id,
    status: "queued",
    trigger: o.trigger ?? event.name,
    event,
    concurrencyKey,
    singletonKey,
    parentRunId: o.parent?.runId,
    parentStepId: o.parent?.stepId,
  });
  // A new run has no discovery job yet.
  await insertJob(tx, { kind: "discover", runId: id, concurrencyKey, dedupeKey: discoverKey(id) });
  return id;
}

/** A burst of events becomes one run with the last event, `period` after the last (at most `timeout` after the first). */
async function debounce(tx: Tx, spec: FunctionSpec, event: StoredEvent) {
  const d = spec.debounce!;
  const dedupeKey = `debounce:${keyOf(spec, d.key, event)}`;
  const now = Date.now();
  const [open] = await tx
    .select()
    .from(wfJobs)
    .where(and(eq(wfJobs.dedupeKey, dedupeKey), isNull(wfJobs.leaseUntil)))
    .for("update");
  const firstAt = open ? Number((open.payload as { firstAt: number }).firstAt) : now;
  const runAt = new Date(Math.min(now + d.periodMs, d.timeoutMs ? firstAt + d.timeoutMs : Infinity));
  const payload = { fnId: spec.id, event, firstAt };
  if (open) await tx.update(wfJobs).set({ payload, runAt }).where(eq(wfJobs.id, open.id));
  // A window already firing has taken its event: this one opens the next window.
  else if (!(await insertJob(tx, { kind: "debounce", dedupeKey, runAt, payload })))
    throw new Error(`Debounce window ${dedupeKey} is being started; send again`);
  return null;
}

/**
 * Ends a run (completed, failed or cancelled): drops its pending work, answers an invoking parent.
 * `patch` is written in the same UPDATE (what the response that ended the run changes besides).
 */
export async function endRun(
  tx: Tx,
  engine: Engine,
  runId: string,
  status: "completed" | "failed" | "cancelled",
  result: { output?: unknown; error?: SerializedError },
  locked?: WorkflowRun,
  patch: Partial<WorkflowRun> = {},
) {
  const run = locked ?? (await lockRun(tx, runId));
  if (!run || (run.status !== "queued" && run.status !== "running")) return;
  await updateRun(tx, runId, {
    ...patch,
    status,
    output: result.output ?? null,
    error: result.error ?? null,
    endedAt: new Date(),
    startedAt: run.startedAt ?? new Date(),
  });
  await clearRunWork(tx, runId);
  if (run.parentRunId && run.parentStepId) {
    const parent = await lockRun(tx, run.parentRunId);
    if (parent && (parent.status === "running" || parent.status === "queued")) {
      const memo =
        status === "completed"
          ? { data: result.output ?? null }
          : { error: result.error ?? { name: "Error", message: status } };
      await finishStep(tx, {
        runId: parent.id,
        stepId: run.parentStepId,
        name: "invoke",
        op: "InvokeFunction",
        memo,
        failed: status !== "completed",
      });
      await tx.execute(
        sql`delete from wf_jobs where dedupe_key = ${`timer:${parent.id}:${run.parentStepId}`}`,
      );
      await scheduleDiscovery(tx, parent.id, parent.concurrencyKey);
    }
  }
  if (status === "completed") return;
  const name = status === "failed" ? "inngest/function.failed" : "inngest/function.cancelled";
  await engine.ingest(tx, [
    {
      id: randomUUID(),
      name,
      ts: Date.now(),
      data: { function_id: run.fnId, run_id: run.id, error: result.error ?? null, event: run.event },
    },
  ]);
}
