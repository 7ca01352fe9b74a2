// Reading workflow runs for the workflows screen and the CLI (the executor's writes are elsewhere).
import { and, asc, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { wfRuns, wfSteps, workflowRunStatuses, type WorkflowRunStatus } from "../schema";

export type RunFilter = { fnId?: string; status?: WorkflowRunStatus; before?: Date; limit?: number };

export const isRunStatus = (s: unknown): s is WorkflowRunStatus =>
  typeof s === "string" && (workflowRunStatuses as readonly string[]).includes(s);

export type RunSummary = {
  id: string;
  fnId: string;
  trigger: string;
  status: WorkflowRunStatus;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
};

const summary = {
  id: wfRuns.id,
  fnId: wfRuns.fnId,
  trigger: wfRuns.trigger,
  status: wfRuns.status,
  createdAt: wfRuns.createdAt,
  startedAt: wfRuns.startedAt,
  endedAt: wfRuns.endedAt,
};

/** Newest first; `before` pages by creation time. */
export async function listWorkflowRuns(db: DbOrTx, f: RunFilter = {}): Promise<RunSummary[]> {
  const where: SQL[] = [];
  if (f.fnId) where.push(eq(wfRuns.fnId, f.fnId));
  if (f.status) where.push(eq(wfRuns.status, f.status));
  if (f.before) where.push(lt(wfRuns.createdAt, f.before));
  return db
    .select(summary)
    .from(wfRuns)
    .where(and(...where))
    .orderBy(desc(wfRuns.createdAt), desc(wfRuns.id))
    .limit(Math.min(f.limit ?? 50, 200));
}

/** Function ids that have runs (for the filter), alphabetical. */
export async function listWorkflowFunctionIds(db: DbOrTx): Promise<string[]> {
  const rows = await db.selectDistinct({ fnId: wfRuns.fnId }).from(wfRuns).orderBy(asc(wfRuns.fnId));
  return rows.map((r) => r.fnId);
}

const maxShown = 2_000;
/** Outputs are shown, not downloaded: long ones are cut (the run page says so). */
export function truncateJson(value: unknown): { text: string; truncated: boolean } | null {
  if (value === null || value === undefined) return null;
  const text = JSON.stringify(value, null, 2) ?? "";
  return text.length > maxShown
    ? { text: text.slice(0, maxShown), truncated: true }
    : { text, truncated: false };
}

export type RunDetail = RunSummary & {
  event: ReturnType<typeof truncateJson>;
  output: ReturnType<typeof truncateJson>;
  error: ReturnType<typeof truncateJson>;
  steps: {
    stepId: string;
    name: string;
    op: string;
    status: string;
    attempts: number;
    startedAt: Date;
    endedAt: Date | null;
    output: ReturnType<typeof truncateJson>;
    error: ReturnType<typeof truncateJson>;
  }[];
};

export async function getWorkflowRun(db: DbOrTx, id: string): Promise<RunDetail | null> {
  const [run] = await db
    .select({ ...summary, event: wfRuns.event, output: wfRuns.output, error: wfRuns.error })
    .from(wfRuns)
    .where(eq(wfRuns.id, id));
  if (!run) return null;
  const steps = await db
    .select()
    .from(wfSteps)
    .where(eq(wfSteps.runId, id))
    // Finished steps in completion order, then the ones still running or waiting.
    .orderBy(sql`${wfSteps.endedAt} is null`, asc(wfSteps.seq));
  return {
    ...run,
    event: truncateJson(run.event),
    output: truncateJson(run.output),
    error: truncateJson(run.error),
    steps: steps.map((s) => {
      const memo = s.memo as { data?: unknown; error?: unknown } | null;
      return {
        stepId: s.stepId,
        name: s.name,
        op: s.op,
        status: s.status,
        attempts: s.attempts,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
        output: truncateJson(memo?.data),
        error: truncateJson(memo?.error ?? s.lastError),
      };
    }),
  };
}
