// State of the embedded Inngest executor (inngest/embedded): runs, memoized steps, due work, waits and
// received events. Every SDK response is applied to these tables in one transaction.
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

export const workflowRunStatuses = ["queued", "running", "completed", "failed", "cancelled"] as const;
export type WorkflowRunStatus = (typeof workflowRunStatuses)[number];

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const wfRuns = pgTable(
  "wf_runs",
  {
    id: text("id").primaryKey(),
    fnId: text("fn_id").notNull(),
    status: text("status", { enum: workflowRunStatuses }).notNull().default("queued"),
    /** What started it: an event name, or "cron <schedule>". */
    trigger: text("trigger").notNull(),
    event: jsonb("event").$type<Record<string, unknown>>().notNull(),
    /** Pinned SDK request version (x-inngest-req-version), -1 until the first response. */
    version: integer("version").notNull().default(-1),
    disableImmediate: boolean("disable_immediate").notNull().default(false),
    /** Function-level attempt (a 500 outside any step), reset when a step completes. */
    attempt: integer("attempt").notNull().default(0),
    /** A step finished while a discovery call was in flight: discover again when it returns. */
    rediscover: boolean("rediscover").notNull().default(false),
    concurrencyKey: text("concurrency_key"),
    singletonKey: text("singleton_key"),
    parentRunId: text("parent_run_id"),
    parentStepId: text("parent_step_id"),
    output: jsonb("output"),
    error: jsonb("error"),
    createdAt: ts("created_at").notNull().defaultNow(),
    startedAt: ts("started_at"),
    endedAt: ts("ended_at"),
  },
  (t) => [
    index("wf_runs_created_idx").on(t.createdAt),
    index("wf_runs_fn_status_idx").on(t.fnId, t.status),
    index("wf_runs_singleton_idx")
      .on(t.singletonKey)
      .where(sql`status in ('queued', 'running')`),
  ],
);

export const wfSteps = pgTable(
  "wf_steps",
  {
    runId: text("run_id").notNull(),
    /** The SDK's hashed step id. */
    stepId: text("step_id").notNull(),
    /** Order of completion: gives ctx.stack and the order on the run page. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    name: text("name").notNull(),
    op: text("op").notNull(),
    status: text("status", { enum: ["running", "waiting", "completed", "failed"] }).notNull(),
    /** What the SDK gets back: {data} or {error}; null while not finished. */
    memo: jsonb("memo"),
    attempts: integer("attempts").notNull().default(0),
    lastError: jsonb("last_error"),
    startedAt: ts("started_at").notNull().defaultNow(),
    endedAt: ts("ended_at"),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepId] }), index("wf_steps_seq_idx").on(t.runId, t.seq)],
);

export const workflowJobKinds = ["discover", "step", "timer", "cron", "debounce"] as const;
export type WorkflowJobKind = (typeof workflowJobKinds)[number];

export const wfJobs = pgTable(
  "wf_jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind", { enum: workflowJobKinds }).notNull(),
    runId: text("run_id"),
    stepId: text("step_id"),
    attempt: integer("attempt").notNull().default(0),
    runAt: ts("run_at").notNull().defaultNow(),
    leaseUntil: ts("lease_until"),
    leaseOwner: text("lease_owner"),
    /** Flow-control key of the run: executing jobs with one key are limited together. */
    concurrencyKey: text("concurrency_key"),
    /** One job per key: cron schedules, debounce windows, a run's pending discovery. */
    dedupeKey: text("dedupe_key"),
    payload: jsonb("payload").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("wf_jobs_due_idx").on(t.runAt),
    index("wf_jobs_run_idx").on(t.runId),
    uniqueIndex("wf_jobs_dedupe_idx").on(t.dedupeKey),
  ],
);

export const wfWaits = pgTable(
  "wf_waits",
  {
    runId: text("run_id").notNull(),
    stepId: text("step_id").notNull(),
    event: text("event").notNull(),
    expr: text("expr"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepId] }), index("wf_waits_event_idx").on(t.event)],
);

export const wfEvents = pgTable(
  "wf_events",
  {
    /** The event id: sending the same id twice is a no-op (24 h window, like Inngest). */
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    ts: ts("ts").notNull(),
    receivedAt: ts("received_at").notNull().defaultNow(),
  },
  (t) => [index("wf_events_received_idx").on(t.receivedAt)],
);
