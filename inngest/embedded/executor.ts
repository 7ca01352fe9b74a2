// The embedded executor: runs the app's Inngest functions without an Inngest server. It claims due jobs
// (leases, FOR UPDATE SKIP LOCKED), calls the SDK in-process, and applies each response in one
// transaction. Idle means no queries: it sleeps until the next due job, an in-process send, or a
// Postgres NOTIFY from another process (PGlite cannot notify across connections: a slow sweep instead).
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Inngest, InngestFunction } from "inngest";
import { eq, sql } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { wfRuns } from "@/db/schema";
import { claimJobs } from "@/db/queries/workflow-claims";
import {
  completeJob,
  nextDueAt,
  releaseJobs,
  renewLeases,
  type WorkflowJob,
} from "@/db/queries/workflow-jobs";
import { loadRunCursors, type RunCursor } from "@/db/queries/workflow-hot-path";
import { lockRun } from "@/db/queries/workflow-state";
import { setEventSink } from "./event-api";
import { toFunctionSpec } from "./config";
import { ingestEvents, normalizeEvents } from "./ingest";
import { endRun, startRun, type Engine } from "./runs";
import { ensureCronJobs, fireJob } from "./timers";
import { createTransport, type Transport } from "./transport";
import { callStep, type Next } from "./call";
import type { FunctionSpec, IncomingEvent } from "./types";

export type ExecutorOptions = {
  handle: DbHandle;
  client: Inngest.Any;
  functions: readonly InngestFunction.Any[];
  /** Jobs executed at once by this process. */
  maxParallel?: number;
  /** How long a claimed job is ours; renewed while it runs, taken over by another worker after a crash. */
  leaseMs?: number;
  /** Retry delay: min(maxMs, baseMs * 2^attempt), with jitter. */
  backoff?: { baseMs: number; maxMs: number };
  /** Safety re-check when idle; on PGlite it is also how sends from other processes (the CLI) are seen. */
  sweepMs?: number;
  /** Don't receive events for this process (`inngest.send()` goes to whichever executor registered last). */
  registerEventSink?: boolean;
  onError?: (error: unknown) => void;
};

const channel = "guildhall_workflows";

export class Executor {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  readonly engine: Engine;
  private readonly transport: Transport;
  private readonly o: Required<Omit<ExecutorOptions, "handle" | "client" | "functions">>;
  private readonly inflight = new Map<number, Promise<void>>();
  private timer?: NodeJS.Timeout;
  private pumping = false;
  private pumpAgain = false;
  private wakeQueued = false;
  private halted = true;
  private unlisten?: () => Promise<void>;

  constructor(private readonly opts: ExecutorOptions) {
    this.transport = createTransport(opts.client, opts.functions);
    const specs = new Map<string, FunctionSpec>();
    this.engine = { specs, ingest: (tx, events) => ingestEvents(tx, this.engine, events) };
    this.o = {
      maxParallel: opts.maxParallel ?? 8,
      leaseMs: opts.leaseMs ?? 30_000,
      backoff: opts.backoff ?? { baseMs: 2_000, maxMs: 10 * 60_000 },
      sweepMs: opts.sweepMs ?? (opts.handle.kind === "pglite" ? 2_000 : 60_000),
      registerEventSink: opts.registerEventSink ?? true,
      onError: opts.onError ?? ((e) => console.error("[workflows]", e)),
    };
  }

  private get db() {
    return this.opts.handle.db;
  }

  /** True once stop() was called (and before start()): workers finish their call and hand the run back. */
  get stopping(): boolean {
    return this.halted;
  }

  /** Reads and checks every function's config (throws naming the function and option), then starts. */
  async start(): Promise<void> {
    await this.load();
    await this.db.transaction((tx) => ensureCronJobs(tx, [...this.engine.specs.values()]));
    if (this.opts.handle.kind === "postgres") {
      const sub = await this.opts.handle.sql.listen(channel, (from) => from !== this.owner && this.wake());
      this.unlisten = sub.unlisten;
    }
    this.halted = false;
    if (this.o.registerEventSink) setEventSink((events, seed) => this.send(events, seed));
    this.wake();
  }

  /** Only reads the configs: enough to `send()` from another process (the CLI); an executor picks the work up. */
  async load(): Promise<void> {
    for (const raw of await this.transport.sync()) this.engine.specs.set(raw.id, toFunctionSpec(raw));
  }

  /** Receives events (the `inngest.send()` path): returns their ids once they are durably stored. */
  async send(events: IncomingEvent[], seed?: string): Promise<string[]> {
    const stored = normalizeEvents(events, seed);
    await this.db.transaction(async (tx) => {
      await ingestEvents(tx, this.engine, stored);
      await this.notify(tx);
    });
    this.wake();
    return stored.map((e) => e.id);
  }

  /** Cancels a queued or running run (the Cancel button); an in-flight step finishes but is discarded. */
  async cancel(runId: string): Promise<boolean> {
    const done = await this.db.transaction(async (tx) => {
      const run = await lockRun(tx, runId);
      if (!run || (run.status !== "queued" && run.status !== "running")) return false;
      await endRun(
        tx,
        this.engine,
        runId,
        "cancelled",
        { error: { name: "Cancelled", message: "Cancelled from the workflows screen" } },
        run,
      );
      await this.notify(tx);
      return true;
    });
    this.wake();
    return done;
  }

  /** Starts a new run of a finished run's function with the same event (the Retry button). */
  async rerun(runId: string): Promise<string | null> {
    const [run] = await this.db.select().from(wfRuns).where(eq(wfRuns.id, runId));
    const spec = run && this.engine.specs.get(run.fnId);
    if (!run || !spec) return null;
    const id = await this.db.transaction((tx) =>
      startRun(tx, this.engine, spec, run.event as never, { skipDebounce: true, trigger: run.trigger }),
    );
    this.wake();
    return id;
  }

  /** Stops claiming work and waits for in-flight calls to be applied. */
  async stop(): Promise<void> {
    this.halted = true;
    clearTimeout(this.timer);
    if (this.o.registerEventSink) setEventSink(null);
    await this.unlisten?.().catch(() => {});
    await Promise.allSettled([...this.inflight.values()]);
  }

  wake(): void {
    if (this.halted || this.wakeQueued) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      void this.pump();
    });
  }

  /** Wakes executors in other processes (Postgres only) when the transaction commits. */
  private async notify(tx: Tx) {
    if (this.opts.handle.kind === "postgres")
      await tx.execute(sql`select pg_notify(${channel}, ${this.owner})`);
  }

  /** The same, outside a transaction, and this process too. */
  private async notifyNow() {
    if (this.opts.handle.kind === "postgres")
      await this.opts.handle.sql`select pg_notify(${channel}, ${this.owner})`;
    this.wake();
  }

  private limitOf = (key: string) =>
    this.engine.specs.get(key.slice(0, key.indexOf(":")))?.concurrency?.limit ?? Infinity;

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      let nextAt: Date | null | undefined; // undefined: not known from a claim
      do {
        this.pumpAgain = false;
        while (!this.halted && this.inflight.size < this.o.maxParallel) {
          const free = this.o.maxParallel - this.inflight.size;
          const claimed = await claimJobs(
            this.opts.handle.sql,
            this.owner,
            free,
            this.o.leaseMs,
            this.limitOf,
          );
          nextAt = claimed.nextAt;
          const { jobs } = claimed;
          if (this.halted)
            await releaseJobs(
              this.db,
              this.owner,
              jobs.map((j) => j.id),
            );
          else await this.launchAll(jobs);
          if (jobs.length < free) break;
          nextAt = undefined;
        }
      } while (this.pumpAgain && !this.halted);
      if (!this.halted) await this.arm(undefined, nextAt);
    } catch (e) {
      this.o.onError(e);
      this.arm(1_000);
    } finally {
      this.pumping = false;
    }
  }

  /** Sleeps until the next due job (never longer than the sweep interval). */
  private async arm(fixed?: number, known?: Date | null) {
    clearTimeout(this.timer);
    let delay = fixed ?? this.o.sweepMs;
    if (fixed === undefined) {
      const at = known === undefined ? await nextDueAt(this.db) : known;
      if (at) delay = Math.min(delay, Math.max(at.getTime() - Date.now(), this.inflight.size ? 1_000 : 100));
    }
    if (this.halted) return;
    this.timer = setTimeout(() => this.wake(), Math.max(1, delay));
    this.timer.unref();
  }

  private slot = 0;

  /** Starts claimed jobs; the runs of SDK calls are read for all of them in one statement. */
  private async launchAll(jobs: WorkflowJob[]) {
    const runIds = jobs.filter((j) => j.kind === "discover" || j.kind === "step").map((j) => j.runId!);
    // If this read fails, each call reads its own run (and reports the error).
    const cursors = runIds.length
      ? await loadRunCursors(this.opts.handle.sql, runIds).catch(() => null)
      : null;
    for (const job of jobs) this.launch(job, job.runId ? cursors?.get(job.runId) : undefined);
  }

  private launch(first: WorkflowJob, cursor?: RunCursor) {
    let job = first;
    const renew = setInterval(
      () => void renewLeases(this.db, this.owner, [job.id], this.o.leaseMs).catch(this.o.onError),
      Math.max(100, this.o.leaseMs / 3),
    );
    const slot = ++this.slot;
    const work = async () => {
      let next: Next = { job, cursor };
      // A worker keeps going with the same run while its next call is due (no queue round trip).
      while (next) {
        job = next.job;
        next = await this.execute(job, next.cursor);
        if (next && this.halted) {
          await releaseJobs(this.db, this.owner, [next.job.id]);
          return;
        }
      }
    };
    const p = work()
      .catch(async (e) => {
        this.o.onError(e);
        // Hand the job back; if this process is broken, its lease simply expires.
        await releaseJobs(this.db, this.owner, [job.id]).catch(() => {});
      })
      .finally(() => {
        clearInterval(renew);
        this.inflight.delete(slot);
        this.wake();
      });
    this.inflight.set(slot, p);
  }

  private backoff = (attempt: number) => {
    const { baseMs, maxMs } = this.o.backoff;
    return Math.min(maxMs, baseMs * 2 ** attempt) * (0.75 + Math.random() * 0.25);
  };

  private async execute(job: WorkflowJob, cursor?: RunCursor): Promise<Next> {
    if (job.kind === "discover" || job.kind === "step") return callStep(this, job, cursor, this.backoff);
    await this.db.transaction(async (tx) => {
      // The run's lock first, then its jobs: the order every writer of run state follows.
      if (job.runId) await lockRun(tx, job.runId);
      if (!(await completeJob(tx, job, this.owner))) return;
      await fireJob(tx, this.engine, job);
      await this.notify(tx);
    });
    return null;
  }

  /** Used by callStep: the database, the SDK transport and the notification hooks. */
  get internals() {
    return {
      db: this.db,
      sql: this.opts.handle.sql,
      transport: this.transport,
      owner: this.owner,
      leaseMs: this.o.leaseMs,
      notify: (tx: Tx) => this.notify(tx),
      notifyNow: () => this.notifyNow(),
    };
  }
}
