// Claiming due jobs of the embedded workflow executor: leases taken with FOR UPDATE SKIP LOCKED (two
// processes never take one job), in one statement unless due jobs have concurrency keys, whose limits are
// counted under an advisory lock per key. Raw postgres.js: the claim runs on every wake-up.
import type postgres from "postgres";
import type { WorkflowJobKind } from "../schema";
import type { WorkflowJob } from "./workflow-jobs";

type JobRow = {
  id: string | number;
  kind: WorkflowJobKind;
  run_id: string | null;
  step_id: string | null;
  attempt: number;
  // Timestamps arrive as text: drizzle turns postgres.js's date parsing off on the shared client.
  run_at: string;
  lease_until: string | null;
  lease_owner: string | null;
  concurrency_key: string | null;
  dedupe_key: string | null;
  payload: Record<string, unknown> | null;
};

const toJob = (r: JobRow): WorkflowJob => ({
  id: Number(r.id),
  kind: r.kind,
  runId: r.run_id,
  stepId: r.step_id,
  attempt: r.attempt,
  runAt: new Date(r.run_at),
  leaseUntil: r.lease_until === null ? null : new Date(r.lease_until),
  leaseOwner: r.lease_owner,
  concurrencyKey: r.concurrency_key,
  dedupeKey: r.dedupe_key,
  payload: r.payload,
});

export type Claimed = {
  jobs: WorkflowJob[];
  /** When the next job becomes due (or a lease can be taken over) after this claim; null: no jobs. */
  nextAt: Date | null;
};

/**
 * Jobs that are due and not leased (a lapsed lease is free to take over), oldest first, locked for this
 * claim. A few more than `limit`: some may be held back by their concurrency key.
 */
const dueJobs = (sql: postgres.Sql | postgres.TransactionSql, limit: number) => sql`
  select id, concurrency_key, run_at from wf_jobs
  where run_at <= now() and (lease_until is null or lease_until < now())
  order by run_at, id limit ${limit * 4} for update skip locked`;

/**
 * Claims up to `limit` due jobs for `owner`, in one statement when none of the due jobs has a concurrency
 * key. Jobs that would exceed their key's limit stay queued: the limit counts jobs being executed (leased
 * calls), so sleeping or waiting runs hold no slot.
 */
export async function claimJobs(
  sql: postgres.Sql,
  owner: string,
  limit: number,
  leaseMs: number,
  limitOf: (concurrencyKey: string) => number,
): Promise<Claimed> {
  const rows = await sql<(JobRow & { keyed: number; next_at: string | null })[]>`
    with due as (${dueJobs(sql, limit)}), pick as (
      select id from due where concurrency_key is null order by run_at, id limit ${limit}
    ), upd as (
      update wf_jobs j set lease_owner = ${owner}, lease_until = now() + ${leaseMs}::int * interval '1 millisecond'
      from pick where j.id = pick.id
      returning j.*
    ), k as (
      select (select count(*)::int from due where concurrency_key is not null) as keyed,
        least(
          (select min(coalesce(lease_until, run_at)) from wf_jobs where id not in (select id from pick)),
          (select now() + ${leaseMs}::int * interval '1 millisecond' from pick limit 1)
        ) as next_at
    )
    select upd.*, k.keyed, k.next_at from k left join upd on true`;
  const jobs = rows.filter((r) => r.id !== null).map(toJob);
  const { keyed, next_at: next } = rows[0];
  if (!keyed || jobs.length >= limit) return { jobs, nextAt: next === null ? null : new Date(next) };
  const more = await claimKeyedJobs(sql, owner, limit - jobs.length, leaseMs, limitOf);
  return { jobs: jobs.concat(more.jobs), nextAt: more.nextAt };
}

/** The claim when due jobs have concurrency keys: counted under an advisory lock per key, in one transaction. */
async function claimKeyedJobs(
  sql: postgres.Sql,
  owner: string,
  limit: number,
  leaseMs: number,
  limitOf: (concurrencyKey: string) => number,
): Promise<Claimed> {
  return sql.begin(async (tx) => {
    const due = (await dueJobs(tx, limit)) as unknown as {
      id: string | number;
      concurrency_key: string | null;
    }[];
    const keys = [...new Set(due.map((j) => j.concurrency_key).filter((k): k is string => !!k))].sort();
    const free = new Map<string, number>(keys.map((k) => [k, limitOf(k)]));
    if (keys.length) {
      // Serialises claimers of one key across processes, so two cannot both take the last slot; the
      // counts are read by the next statement, after every lock is held.
      await tx`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${keys}::text[]) as k`;
      const counts = await tx<{ key: string; n: number }[]>`
        select concurrency_key as key, count(*)::int as n from wf_jobs
        where concurrency_key = any(${keys}::text[]) and lease_until >= now() group by 1`;
      for (const c of counts) free.set(c.key, free.get(c.key)! - c.n);
    }
    const chosen: number[] = [];
    for (const j of due) {
      if (chosen.length >= limit) break;
      if (j.concurrency_key) {
        const left = free.get(j.concurrency_key)!;
        if (left <= 0) continue;
        free.set(j.concurrency_key, left - 1);
      }
      chosen.push(Number(j.id));
    }
    const claimed = chosen.length
      ? await tx<JobRow[]>`
          update wf_jobs set lease_owner = ${owner}, lease_until = now() + ${leaseMs}::int * interval '1 millisecond'
          where id = any(${chosen}::bigint[])
          returning *`
      : [];
    const [next] = await tx<{ at: string | null }[]>`
      select min(coalesce(lease_until, run_at)) as at from wf_jobs`;
    return { jobs: claimed.map(toJob), nextAt: next.at === null ? null : new Date(next.at) };
  });
}
