// The executor's one-statement paths (Postgres and PGlite): a carried cursor stays identical to what a
// reload gives, a lost lease or an ended run writes nothing, and claims honour concurrency limits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import {
  applyCheckpointedStep,
  applyRunCompleted,
  applyStepRun,
  loadRunCursors,
  type RunCursor,
} from "./workflow-hot-path";
import { claimJobs } from "./workflow-claims";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

let n = 0;
/** A run with its discovery job leased to `owner` (or queued when owner is null). */
async function newRun(owner: string | null = "me", concurrencyKey: string | null = null) {
  const id = `run-${++n}`;
  await t.sql`insert into wf_runs (id, fn_id, trigger, event, concurrency_key)
    values (${id}, 'fn', 'x', ${'{"name":"x","data":{"zeta":1,"alpha":"a\\"b"}}'}::jsonb, ${concurrencyKey})`;
  const [job] = await t.sql<{ id: string }[]>`
    insert into wf_jobs (kind, run_id, dedupe_key, concurrency_key, lease_owner, lease_until)
    values ('discover', ${id}, ${`discover:${id}`}, ${concurrencyKey}, ${owner},
      ${owner ? new Date(Date.now() + 60_000).toISOString() : null}::timestamptz)
    returning id`;
  return { runId: id, jobId: Number(job.id) };
}

const step = (runId: string, jobId: number, stepId: string, data: unknown, owner = "me") =>
  applyStepRun(t.sql, {
    runId,
    jobId,
    owner,
    nextOwner: owner,
    leaseMs: 30_000,
    version: 2,
    stepId,
    name: stepId,
    memo: JSON.stringify({ data }),
    attempt: 0,
  });

const cursorOf = async (runId: string) => (await loadRunCursors(t.sql, [runId])).get(runId)!;
const memoOf = (c: RunCursor) => JSON.parse(`{${c.memo}}`) as Record<string, unknown>;

describe("applyStepRun", () => {
  it("stores the step, re-leases the job as the next discovery and returns the memo as a reload shows it", async () => {
    const { runId, jobId } = await newRun();
    const first = await step(runId, jobId, "s1", { zeta: 1, alpha: [1, 'q"x'] });
    const second = await step(runId, jobId, "s2", null);
    expect(first).toMatchObject({ kind: "applied", version: 2, rediscover: false });
    expect(second.kind).toBe("applied");
    const c = await cursorOf(runId);
    expect(c).toMatchObject({ status: "running", version: 2, stack: ["s1", "s2"] });
    // What a worker carries (the returned memo texts) is byte for byte what a reload gives.
    if (first.kind !== "applied" || second.kind !== "applied") throw new Error("not applied");
    expect(c.memo).toBe(`"s1":${first.memo},"s2":${second.memo}`);
    expect(memoOf(c)).toEqual({ s1: { data: { zeta: 1, alpha: [1, 'q"x'] } }, s2: { data: null } });
    expect(JSON.parse(c.event)).toEqual({ name: "x", data: { zeta: 1, alpha: 'a"b' } });
    const jobs = await t.sql`select id, kind, attempt, lease_owner from wf_jobs where run_id = ${runId}`;
    expect(jobs).toEqual([{ id: String(jobId), kind: "discover", attempt: 0, lease_owner: "me" }]);
  });

  it("reports a step finished meanwhile (rediscover) and clears the flag", async () => {
    const { runId, jobId } = await newRun();
    await t.sql`update wf_runs set rediscover = true where id = ${runId}`;
    expect(await step(runId, jobId, "s1", 1)).toMatchObject({ kind: "applied", rediscover: true });
    const [run] = await t.sql`select rediscover from wf_runs where id = ${runId}`;
    expect(run.rediscover).toBe(false);
  });

  it("writes nothing when another worker holds the job", async () => {
    const { runId, jobId } = await newRun("other");
    expect(await step(runId, jobId, "s1", 1)).toEqual({ kind: "lost" });
    expect(await t.sql`select 1 from wf_steps where run_id = ${runId}`).toHaveLength(0);
    const [run] = await t.sql`select status, version from wf_runs where id = ${runId}`;
    expect(run).toEqual({ status: "queued", version: -1 });
  });

  it("drops the job of a run that ended meanwhile and discards the result", async () => {
    const { runId, jobId } = await newRun();
    await t.sql`update wf_runs set status = 'cancelled' where id = ${runId}`;
    expect(await step(runId, jobId, "s1", 1)).toEqual({ kind: "inactive" });
    expect(await t.sql`select 1 from wf_jobs where run_id = ${runId}`).toHaveLength(0);
    expect(await t.sql`select 1 from wf_steps where run_id = ${runId}`).toHaveLength(0);
  });

  it("hands the next discovery back to the queue when there is no next owner", async () => {
    const { runId, jobId } = await newRun();
    const r = await applyStepRun(t.sql, {
      runId,
      jobId,
      owner: "me",
      nextOwner: null,
      leaseMs: 30_000,
      version: 2,
      stepId: "s1",
      name: "s1",
      memo: "{}",
      attempt: 0,
    });
    expect(r.kind).toBe("applied");
    const [job] = await t.sql`select lease_owner, lease_until from wf_jobs where id = ${jobId}`;
    expect(job).toEqual({ lease_owner: null, lease_until: null });
  });
});

describe("applyCheckpointedStep", () => {
  const checkpoint = (runId: string, jobId: number, stepId: string, owner = "me") =>
    applyCheckpointedStep(t.sql, { runId, jobId, owner, stepId, name: stepId, memo: '{"data":1}' });

  it("stores the step and starts the run, leaving the job leased and the rediscover flag to the call", async () => {
    const { runId, jobId } = await newRun();
    await t.sql`update wf_runs set rediscover = true, attempt = 2 where id = ${runId}`;
    expect(await checkpoint(runId, jobId, "s1")).toBe(true);
    expect(await checkpoint(runId, jobId, "s2")).toBe(true);
    const c = await cursorOf(runId);
    expect(c).toMatchObject({ status: "running", version: -1, stack: ["s1", "s2"] });
    expect(memoOf(c)).toEqual({ s1: { data: 1 }, s2: { data: 1 } });
    const [run] = await t.sql`select rediscover, attempt from wf_runs where id = ${runId}`;
    expect(run).toEqual({ rediscover: true, attempt: 0 });
    const jobs = await t.sql`select id, lease_owner from wf_jobs where run_id = ${runId}`;
    expect(jobs).toEqual([{ id: String(jobId), lease_owner: "me" }]);
  });

  it("stores nothing when another worker holds the job or the run has ended", async () => {
    const lost = await newRun("other");
    expect(await checkpoint(lost.runId, lost.jobId, "s1")).toBe(false);
    const ended = await newRun();
    await t.sql`update wf_runs set status = 'cancelled' where id = ${ended.runId}`;
    expect(await checkpoint(ended.runId, ended.jobId, "s1")).toBe(false);
    const ids = [lost.runId, ended.runId];
    expect(await t.sql`select 1 from wf_steps where run_id = any(${ids}::text[])`).toHaveLength(0);
  });
});

describe("applyRunCompleted", () => {
  it("completes the run and drops its pending work", async () => {
    const { runId, jobId } = await newRun();
    await step(runId, jobId, "s1", 1);
    await t.sql`insert into wf_steps (run_id, step_id, name, op, status) values (${runId}, 'w', 'w', 'WaitForEvent', 'waiting')`;
    await t.sql`insert into wf_waits (run_id, step_id, event) values (${runId}, 'w', 'e')`;
    await t.sql`insert into wf_jobs (kind, run_id, dedupe_key) values ('timer', ${runId}, ${`timer:${runId}:w`})`;
    const args = { runId, jobId, owner: "me", version: 2, output: '{"ok":true}' };
    expect(await applyRunCompleted(t.sql, { ...args, owner: "other" })).toBe("lost");
    expect(await applyRunCompleted(t.sql, args)).toBe("applied");
    const [run] =
      await t.sql`select status, output, ended_at is not null as ended from wf_runs where id = ${runId}`;
    expect(run).toEqual({ status: "completed", output: { ok: true }, ended: true });
    expect(await t.sql`select 1 from wf_jobs where run_id = ${runId}`).toHaveLength(0);
    expect(await t.sql`select 1 from wf_waits where run_id = ${runId}`).toHaveLength(0);
    const steps = await t.sql`select step_id, status from wf_steps where run_id = ${runId} order by step_id`;
    expect(steps).toEqual([
      { step_id: "s1", status: "completed" },
      { step_id: "w", status: "failed" },
    ]);
    expect(await applyRunCompleted(t.sql, args)).toBe("inactive");
  });
});

describe("claimJobs", () => {
  it("claims due jobs up to the limit and within each concurrency key's limit", async () => {
    await t.sql`delete from wf_jobs`;
    const free = [await newRun(null), await newRun(null), await newRun(null)];
    const keyed = [await newRun(null, "fn:a"), await newRun(null, "fn:a"), await newRun(null, "fn:a")];
    await newRun("busy", "fn:a"); // one call of key a is executing: one slot of 2 left
    const limitOf = (key: string) => (key === "fn:a" ? 2 : Infinity);

    const first = await claimJobs(t.sql, "w1", 2, 30_000, limitOf);
    expect(first.jobs.map((j) => j.runId)).toEqual(free.slice(0, 2).map((r) => r.runId));
    expect(first.jobs.every((j) => j.leaseOwner === "w1" && j.leaseUntil! > new Date())).toBe(true);
    expect(first.nextAt!.getTime()).toBeLessThanOrEqual(Date.now()); // more jobs are due

    const second = await claimJobs(t.sql, "w2", 10, 30_000, limitOf);
    expect(second.jobs.map((j) => j.runId).sort()).toEqual([free[2].runId, keyed[0].runId].sort());
    expect(await claimJobs(t.sql, "w3", 10, 30_000, limitOf)).toMatchObject({ jobs: [] });
  });

  it("says when the next job is due when nothing is", async () => {
    await t.sql`delete from wf_jobs`;
    expect(await claimJobs(t.sql, "w1", 4, 30_000, () => Infinity)).toEqual({ jobs: [], nextAt: null });
    const at = new Date(Date.now() + 5_000);
    await t.sql`insert into wf_jobs (kind, run_at) values ('cron', ${at.toISOString()}::timestamptz)`;
    const { jobs, nextAt } = await claimJobs(t.sql, "w1", 4, 30_000, () => Infinity);
    expect(jobs).toEqual([]);
    expect(nextAt!.getTime()).toBe(at.getTime());
  });
});
