// Benchmark of the embedded workflow executor, on PGlite (a data folder owned by this process, as in the
// app) and on Postgres (a scratch database): per-step overhead versus calling the step directly (and how
// much of it is the SDK's own handler), 1,000 runs of 10 steps (with CPU time and SQL statements per
// step), send -> first-step latency, and CPU use while idle (right after the burst, then steady).
// Usage: npm run bench:workflows [-- --db pglite|postgres|both --idle-seconds 60 --runs 1000]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { migrationsFolder, type DbHandle } from "@/db/client";
import { openPgliteOwner } from "@/db/pglite-owner";
import * as schema from "@/db/schema";
import { Executor } from "@/inngest/embedded/executor";
import type { Transport } from "@/inngest/embedded/transport";
import { embeddedFetch } from "@/inngest/embedded/event-api";
import { testClient } from "@/inngest/embedded/testing/harness";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "both" },
    "idle-seconds": { type: "string", default: "60" },
    runs: { type: "string", default: "1000" },
  },
});
const pgAdminUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

// Time spent storing step checkpoints (the SDK's POSTs, answered by the executor), to keep it out of the
// SDK's own share.
let checkpointMs = 0;
const client = testClient("bench", async (input, init) => {
  const t = performance.now();
  try {
    return await embeddedFetch(input, init);
  } finally {
    if (String(input).includes("/v1/checkpoint/")) checkpointMs += performance.now() - t;
  }
});
const firstStepAt = new Map<string, number>();
const tenSteps = client.createFunction(
  { id: "ten", triggers: [{ event: "b/ten" }], retries: 0 },
  async ({ event, step }) => {
    let sum = 0;
    for (let i = 0; i < 10; i++)
      sum += await step.run(`s${i}`, () => {
        if (i === 0) firstStepAt.set(String(event.data.key), performance.now());
        return i;
      });
    return sum;
  },
);

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

// Every statement the executor sends (postgres.js `debug` hook), minus the bench's own polling.
let statements = 0;
let polls = 0;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};

/** CPU time (ms) of the Postgres backends serving this database (they are processes of this machine). */
function backendCpuMs(pids: number[]): number {
  const tick = 1000 / 100; // USER_HZ
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(f[11]) + Number(f[12])) * tick; // utime, stime
    } catch {
      /* gone */
    }
  }
  return total;
}

async function waitDone(h: DbHandle, n: number) {
  for (;;) {
    polls++;
    const [r] = await h.sql`select count(*)::int as n from wf_runs where status in ('completed', 'failed')`;
    if (r.n >= n) return;
    await sleep(20);
  }
}

async function bench(kind: "pglite" | "postgres", h: DbHandle, dbName?: string) {
  const executor = new Executor({ handle: h, client, functions: [tenSteps] });
  await executor.start();
  const out: Record<string, string> = { database: kind };
  // The SDK's own share: time inside its handler (call -> response) minus storing checkpoints, per run.
  const transport = (executor as unknown as { transport: Transport }).transport;
  const call = transport.call.bind(transport);
  let sdkMs = 0;
  transport.call = async (...args) => {
    const t = performance.now();
    try {
      return await call(...args);
    } finally {
      sdkMs += performance.now() - t;
    }
  };

  // Direct: the same step bodies called in a loop.
  const direct: number[] = [];
  for (let r = 0; r < 200; r++) {
    const t = performance.now();
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += await Promise.resolve(i);
    direct.push((performance.now() - t + sum * 0) / 10);
  }

  // Per-step time: one run at a time, (run duration) / 10.
  const perStep: number[] = [];
  const sdkPerStep: number[] = [];
  const latency: number[] = [];
  for (let r = 0; r < 40; r++) {
    const key = `seq-${r}`;
    const t = performance.now();
    sdkMs = 0;
    checkpointMs = 0;
    await client.send({ name: "b/ten", data: { key } });
    await waitDone(h, r + 1);
    sdkPerStep.push((sdkMs - checkpointMs) / 10);
    // The run's own timestamps: from the event being stored to the run's end, so polling adds nothing.
    const [run] = await h.sql`select extract(epoch from ended_at - created_at) * 1000 as ms
      from wf_runs where event->'data'->>'key' = ${key}`;
    perStep.push(Number(run.ms) / 10);
    latency.push(firstStepAt.get(key)! - t);
  }
  out["per-step p50 (executor)"] = fmt(p50(perStep));
  out["per-step p50 (direct call)"] = fmt(p50(direct));
  out["per-step overhead p50"] = fmt(p50(perStep) - p50(direct));
  out["  of which SDK handler p50"] = fmt(p50(sdkPerStep));
  out["send -> first step p50"] = fmt(p50(latency));

  // Throughput: N runs of 10 steps sent in batches of 100.
  const n = Number(values.runs);
  const pids = dbName
    ? (await h.sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${dbName}`).map(
        (r) => r.pid,
      )
    : [];
  const [cpu0, db0, st0, po0] = [cpuMs(), backendCpuMs(pids), statements, polls];
  const t = performance.now();
  for (let b = 0; b < n; b += 100)
    await client.send(
      Array.from({ length: Math.min(100, n - b) }, (_, i) => ({
        name: "b/ten",
        data: { key: `bulk-${b + i}` },
      })),
    );
  await waitDone(h, 40 + n);
  out[`${n} runs x 10 steps`] = `${((performance.now() - t) / 1000).toFixed(1)} s`;
  const steps = n * 10;
  out["  CPU per step (this process)"] = fmt((cpuMs() - cpu0) / steps);
  if (pids.length) out["  CPU per step (Postgres)"] = fmt((backendCpuMs(pids) - db0) / steps);
  out["  SQL statements per step"] = ((statements - st0 - (polls - po0)) / steps).toFixed(2);

  // Idle: no work; CPU of this whole process (executor, and on PGlite the database too). The first window
  // starts 1 s after the burst and so also pays V8's collection of the burst's garbage (its memory reducer
  // runs within about a minute); the second, right after it, is the steady cost of an idle app.
  await sleep(1_000);
  const idleSeconds = Number(values["idle-seconds"]);
  for (const label of ["after the burst", "steady"]) {
    const cpu = process.cpuUsage();
    await sleep(idleSeconds * 1000);
    const used = process.cpuUsage(cpu);
    out[`idle CPU over ${idleSeconds} s (${label})`] =
      `${(((used.user + used.system) / 1e3 / (idleSeconds * 1000)) * 100).toFixed(2)} % of one core`;
  }
  await executor.stop();
  return out;
}

/** A handle like db/client's, with a statement counter. */
function connect(
  kind: "pglite" | "postgres",
  url: string | undefined,
  o: postgres.Options<Record<string, never>>,
  close?: () => Promise<void>,
) {
  const options = { onnotice: () => {}, ...o };
  const sql = url ? postgres(url, options) : postgres(options);
  // Set after creation: postgres.js then calls it for every statement it sends, without capturing a stack
  // trace per query as it does when `debug` is given up front (that would cost more than the queries).
  sql.options.debug = () => void statements++;
  const db = drizzle(sql, { schema });
  const access = kind === "pglite" ? "owner" : "postgres";
  return {
    db,
    sql,
    kind,
    access,
    close: async () => {
      await sql.end();
      await close?.();
    },
  } satisfies DbHandle;
}

async function onPglite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gh-bench-"));
  const owner = await openPgliteOwner(dir);
  const h = connect(
    "pglite",
    undefined,
    { path: owner.socketPath, max: 1, username: "postgres", database: "postgres" },
    owner.close,
  );
  try {
    await migrate(h.db, { migrationsFolder });
    return await bench("pglite", h);
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres() {
  const name = `gh_bench_${process.pid}`;
  const admin = postgres(pgAdminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  const h = connect("postgres", url.toString(), { max: 10 });
  try {
    await migrate(h.db, { migrationsFolder });
    return await bench("postgres", h, name);
  } finally {
    await h.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

const results = [];
if (values.db !== "postgres") results.push(await onPglite());
if (values.db !== "pglite") results.push(await onPostgres());
console.log(`machine: ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`);
// One row per figure, one column per database.
const table: Record<string, Record<string, string>> = {};
for (const r of results)
  for (const [k, v] of Object.entries(r)) if (k !== "database") (table[k] ??= {})[r.database] = v;
console.table(table);
process.exit(0);
