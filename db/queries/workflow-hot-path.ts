// The embedded executor's per-step statements, in raw postgres.js (prepared once per connection, no query
// builder): loading a run's call state, and applying the two commonest SDK answers, a step that ran inline
// and the function's return, each as ONE autocommit statement. Every statement locks the run row first and
// touches jobs after, the order every other writer of run state follows.
import type postgres from "postgres";

/**
 * What an SDK call needs from a run, carried from one call to the next while a worker keeps going with
 * the same run. The event and the memo stay JSON text as the database returns it, so every call hands the
 * SDK freshly parsed objects (user code may mutate what it gets) with the key order a reload would give.
 */
export type RunCursor = {
  id: string;
  fnId: string;
  status: string;
  version: number;
  disableImmediate: boolean;
  concurrencyKey: string | null;
  parentRunId: string | null;
  event: string;
  /** `"<step id>":<memo>` pairs, comma-separated, in completion order. */
  memo: string;
  /** Step ids in completion order (ctx.stack). */
  stack: string[];
};

type CursorRow = {
  id: string;
  fn_id: string;
  status: string;
  version: number;
  disable_immediate: boolean;
  concurrency_key: string | null;
  parent_run_id: string | null;
  event: string;
  memo: string | null;
  stack: string[] | null;
};

const toCursor = (r: CursorRow): RunCursor => ({
  id: r.id,
  fnId: r.fn_id,
  status: r.status,
  version: r.version,
  disableImmediate: r.disable_immediate,
  concurrencyKey: r.concurrency_key,
  parentRunId: r.parent_run_id,
  event: r.event,
  memo: r.memo ?? "",
  stack: r.stack ?? [],
});

/** The call state of several runs in one statement (runs that no longer exist are missing). */
export async function loadRunCursors(sql: postgres.Sql, runIds: string[]): Promise<Map<string, RunCursor>> {
  if (!runIds.length) return new Map();
  const rows = await sql<CursorRow[]>`
    select r.id, r.fn_id, r.status, r.version, r.disable_immediate, r.concurrency_key, r.parent_run_id,
      r.event::text as event, m.memo, m.stack
    from wf_runs r
    left join lateral (
      select string_agg(to_json(s.step_id)::text || ':' || s.memo::text, ',' order by s.seq) as memo,
        array_agg(s.step_id order by s.seq) as stack
      from wf_steps s where s.run_id = r.id and s.memo is not null
    ) m on true
    where r.id = any(${runIds}::text[])`;
  return new Map(rows.map((r) => [r.id, toCursor(r)]));
}

export type StepRunApplied =
  /** The job was ours and the run active: the step is stored and the run's discovery job re-queued. */
  | { kind: "applied"; memo: string; version: number; rediscover: boolean }
  /** The run ended meanwhile (cancelled): its job is gone, the result discarded. */
  | { kind: "inactive" }
  /** Another worker took the job over (lease expired): nothing was written. */
  | { kind: "lost" };

/**
 * A discovery call answered with one step that ran inline: memoize it, reset the run's function-level
 * attempt, and turn the same job into the run's next discovery call, leased to `nextOwner` (the caller goes
 * straight on) or back in the queue (null). `rediscover` reports that another step finished while the call
 * was in flight (its memo is not in the caller's cursor).
 */
export async function applyStepRun(
  sql: postgres.Sql,
  a: {
    runId: string;
    jobId: number;
    owner: string;
    nextOwner: string | null;
    leaseMs: number;
    version: number;
    stepId: string;
    name: string;
    memo: string;
    /** The job's attempt (a discovery retried after a function-level error is reset to 0). */
    attempt: number;
  },
): Promise<StepRunApplied> {
  const [row] = await sql<
    {
      owned: number;
      active: number;
      rediscover: boolean | null;
      version: number | null;
      memo: string | null;
    }[]
  >`
    with lk as (
      select rediscover, version from wf_runs
      where id = ${a.runId} and status in ('queued', 'running') for update
    ), gone as (
      delete from wf_jobs where id = ${a.jobId} and lease_owner = ${a.owner} and not exists (select 1 from lk)
    ), j as (${
      // The job stays as it is (leased to us, renewed by the worker) unless it must change.
      a.nextOwner === a.owner && a.attempt === 0
        ? sql`
          select id from wf_jobs
          where id = ${a.jobId} and lease_owner = ${a.owner} and exists (select 1 from lk) for update`
        : sql`
          update wf_jobs set attempt = 0, run_at = now(), lease_owner = ${a.nextOwner},
            lease_until = now() + ${a.nextOwner === null ? null : a.leaseMs}::int * interval '1 millisecond'
          where id = ${a.jobId} and lease_owner = ${a.owner} and exists (select 1 from lk)
          returning id`
    }), r as (
      -- Written only when something changes: most steps leave the run row alone.
      update wf_runs set status = 'running', started_at = coalesce(started_at, now()),
        version = case when version = -1 then ${a.version}::int else version end,
        rediscover = false, attempt = 0, error = null
      where id = ${a.runId} and exists (select 1 from j)
        and (status <> 'running' or started_at is null or version = -1 or rediscover or attempt <> 0
          or error is not null)
    ), s as (
      insert into wf_steps as t (run_id, step_id, name, op, status, memo, attempts, ended_at)
      select ${a.runId}, ${a.stepId}, ${a.name}, 'StepRun', 'completed', ${a.memo}::jsonb, ${a.attempt + 1}::int, now()
      from j
      on conflict (run_id, step_id) do update set status = 'completed', memo = excluded.memo,
        attempts = greatest(t.attempts, excluded.attempts), ended_at = now(),
        seq = nextval(pg_get_serial_sequence('wf_steps', 'seq'))
      returning memo::text as memo
    )
    select (select count(*)::int from j) as owned, (select count(*)::int from lk) as active,
      (select rediscover from lk) as rediscover, (select version from lk) as version, (select memo from s) as memo`;
  if (!row.active) return { kind: "inactive" };
  if (!row.owned) return { kind: "lost" };
  const version = row.version === -1 ? a.version : row.version!;
  return { kind: "applied", memo: row.memo!, version, rediscover: row.rediscover! };
}

/**
 * A call answered with the function's return value, for a run nobody invoked (no parent to answer):
 * complete the run and drop its pending work. Same outcomes as `applyStepRun`.
 */
export async function applyRunCompleted(
  sql: postgres.Sql,
  a: { runId: string; jobId: number; owner: string; version: number; output: string },
): Promise<"applied" | "inactive" | "lost"> {
  const [row] = await sql<{ owned: number; active: number }[]>`
    with lk as (
      select id from wf_runs where id = ${a.runId} and status in ('queued', 'running') for update
    ), gone as (
      delete from wf_jobs where id = ${a.jobId} and lease_owner = ${a.owner} and not exists (select 1 from lk)
    ), j as (
      delete from wf_jobs where id = ${a.jobId} and lease_owner = ${a.owner} and exists (select 1 from lk)
      returning id
    ), r as (
      update wf_runs set status = 'completed', output = ${a.output}::jsonb, error = null, ended_at = now(),
        started_at = coalesce(started_at, now()), rediscover = false,
        version = case when version = -1 then ${a.version}::int else version end
      where id = ${a.runId} and exists (select 1 from j)
    ), other_jobs as (
      delete from wf_jobs where run_id = ${a.runId} and id <> ${a.jobId} and exists (select 1 from j)
    ), waits as (
      delete from wf_waits where run_id = ${a.runId} and exists (select 1 from j)
    ), open_steps as (
      update wf_steps set status = 'failed', ended_at = now()
      where run_id = ${a.runId} and status in ('running', 'waiting') and exists (select 1 from j)
    )
    select (select count(*)::int from j) as owned, (select count(*)::int from lk) as active`;
  return !row.active ? "inactive" : row.owned ? "applied" : "lost";
}

/**
 * A step result the SDK checkpointed in the middle of a discovery call (it runs the next step only once this
 * is stored): memoize it if the job is still ours and the run active, and mark the run running. The job and
 * the run's `rediscover` flag are left alone: the call's own response settles them. False: stale dispatch.
 */
export async function applyCheckpointedStep(
  sql: postgres.Sql,
  a: { runId: string; jobId: number; owner: string; stepId: string; name: string; memo: string },
): Promise<boolean> {
  const [row] = await sql<{ owned: number }[]>`
    with lk as (
      select id from wf_runs where id = ${a.runId} and status in ('queued', 'running') for update
    ), j as (
      select id from wf_jobs
      where id = ${a.jobId} and lease_owner = ${a.owner} and exists (select 1 from lk) for update
    ), r as (
      update wf_runs set status = 'running', started_at = coalesce(started_at, now()), attempt = 0, error = null
      where id = ${a.runId} and exists (select 1 from j)
        and (status <> 'running' or started_at is null or attempt <> 0 or error is not null)
    ), s as (
      insert into wf_steps as t (run_id, step_id, name, op, status, memo, attempts, ended_at)
      select ${a.runId}, ${a.stepId}, ${a.name}, 'StepRun', 'completed', ${a.memo}::jsonb, 1, now()
      from j
      on conflict (run_id, step_id) do update set status = 'completed', memo = excluded.memo,
        attempts = greatest(t.attempts, excluded.attempts), ended_at = now(),
        seq = nextval(pg_get_serial_sequence('wf_steps', 'seq'))
    )
    select count(*)::int as owned from j`;
  return row.owned > 0;
}
