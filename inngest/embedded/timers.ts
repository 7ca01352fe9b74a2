// Jobs that are not SDK calls: a due sleep / waitForEvent timeout / invoke timeout, a cron tick, the end
// of a debounce window. Each is applied in the caller's transaction, with deleting (or moving) its job.
import { Cron } from "croner";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { wfEvents, wfWaits } from "@/db/schema";
import { insertJob, scheduleDiscovery, type WorkflowJob } from "@/db/queries/workflow-jobs";
import { finishStep, lockRun } from "@/db/queries/workflow-state";
import { startRun, type Engine } from "./runs";
import type { FunctionSpec, StoredEvent } from "./types";

/** Next tick of a cron schedule ("TZ=Europe/Paris 0 9 * * *" style time zones included). */
export function nextTick(schedule: string, after = new Date()): Date {
  const m = /^(?:CRON_)?TZ=(\S+)\s+(.*)$/.exec(schedule);
  const next = new Cron(m ? m[2] : schedule, { timezone: m?.[1], paused: true }).nextRun(after);
  if (!next) throw new Error(`cron "${schedule}" never fires`);
  return next;
}

/** One cron job per (function, schedule); a restart keeps the pending tick (no backfill of missed ones). */
export async function ensureCronJobs(tx: Tx, specs: FunctionSpec[]) {
  for (const spec of specs)
    for (const t of spec.triggers)
      if ("cron" in t)
        await insertJob(tx, {
          kind: "cron",
          dedupeKey: `cron:${spec.id}:${t.cron}`,
          runAt: nextTick(t.cron),
          payload: { fnId: spec.id, cron: t.cron },
        });
}

export async function fireJob(tx: Tx, engine: Engine, job: WorkflowJob): Promise<void> {
  const p = (job.payload ?? {}) as { type?: string; fnId?: string; cron?: string; event?: StoredEvent };
  if (job.kind === "cron") return fireCron(tx, engine, job, p.fnId!, p.cron!);
  if (job.kind === "debounce") {
    const spec = engine.specs.get(p.fnId!);
    if (spec) await startRun(tx, engine, spec, p.event!, { skipDebounce: true });
    return;
  }
  const run = await lockRun(tx, job.runId!);
  if (!run || run.status !== "running") return;
  const stepId = job.stepId!;
  const base = { runId: run.id, stepId };
  if (p.type === "sleep")
    await finishStep(tx, {
      ...base,
      name: String((job.payload as { name?: string }).name ?? "sleep"),
      op: "Sleep",
      memo: { data: null },
    });
  else if (p.type === "wait") {
    const gone = await tx
      .delete(wfWaits)
      .where(and(eq(wfWaits.runId, run.id), eq(wfWaits.stepId, stepId)))
      .returning();
    if (!gone.length) return; // the event arrived first
    await finishStep(tx, { ...base, name: gone[0].event, op: "WaitForEvent", memo: { data: null } });
  } else if (p.type === "invoke") {
    const error = {
      name: "InngestInvokeTimeoutError",
      message: "Timed out waiting for the invoked function to complete",
    };
    await finishStep(tx, { ...base, name: "invoke", op: "InvokeFunction", memo: { error }, failed: true });
  } else throw new Error(`Unknown timer ${JSON.stringify(p)}`);
  await scheduleDiscovery(tx, run.id, run.concurrencyKey);
}

async function fireCron(tx: Tx, engine: Engine, job: WorkflowJob, fnId: string, cron: string) {
  const spec = engine.specs.get(fnId);
  // The function or its schedule is gone since this tick was planned: drop the job.
  if (!spec || !spec.triggers.some((t) => "cron" in t && t.cron === cron)) return;
  const event: StoredEvent = {
    id: `cron:${fnId}:${job.runAt.toISOString()}`,
    name: "inngest/scheduled.timer",
    data: { cron },
    ts: job.runAt.getTime(),
  };
  const fresh = await tx
    .insert(wfEvents)
    .values({ id: event.id, name: event.name, data: event.data, ts: job.runAt })
    .onConflictDoNothing()
    .returning();
  if (fresh.length) await startRun(tx, engine, spec, event, { trigger: `cron ${cron}` });
  await insertJob(tx, {
    kind: "cron",
    dedupeKey: job.dedupeKey,
    runAt: nextTick(cron),
    payload: job.payload,
  });
}
