// Benchmark of the embedded workflow executor, on PGlite (a data folder owned by this process, as in the
// app) and on Postgres (a scratch database): per-step overhead versus calling the step directly, 1,000 runs
// of 10 steps, send -> first-step latency, and CPU use while idle.
// Usage: npm run bench:workflows [-- --db pglite|postgres|both --idle-seconds 60 --runs 1000]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { connectPgliteSocket, connectPostgres, migrationsFolder, type DbHandle } from "@/db/client";
import { openPgliteOwner } from "@/db/pglite-owner";
import { Executor } from "@/inngest/embedded/executor";
import { testClient } from "@/inngest/embedded/testing/harness";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "both" },
    "idle-seconds": { type: "string", default: "60" },
    runs: { type: "string", default: "1000" },
  },
});
const pgAdminUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const client = testClient("bench");
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

async function waitDone(h: DbHandle, n: number) {
  for (;;) {
    const [r] = await h.sql`select count(*)::int as n from wf_runs where status in ('completed', 'failed')`;
    if (r.n >= n) return;
    await sleep(20);
  }
}

async function bench(kind: "pglite" | "postgres", h: DbHandle) {
  const executor = new Executor({ handle: h, client, functions: [tenSteps] });
  await executor.start();
  const out: Record<string, string> = { database: kind };

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
  const latency: number[] = [];
  for (let r = 0; r < 40; r++) {
    const key = `seq-${r}`;
    const t = performance.now();
    await client.send({ name: "b/ten", data: { key } });
    await waitDone(h, r + 1);
    // The run's own timestamps: from the event being stored to the run's end, so polling adds nothing.
    const [run] = await h.sql`select extract(epoch from ended_at - created_at) * 1000 as ms
      from wf_runs where event->'data'->>'key' = ${key}`;
    perStep.push(Number(run.ms) / 10);
    latency.push(firstStepAt.get(key)! - t);
  }
  out["per-step p50 (executor)"] = fmt(p50(perStep));
  out["per-step p50 (direct call)"] = fmt(p50(direct));
  out["per-step overhead p50"] = fmt(p50(perStep) - p50(direct));
  out["send -> first step p50"] = fmt(p50(latency));

  // Throughput: N runs of 10 steps sent in batches of 100.
  const n = Number(values.runs);
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

  // Idle: no work; CPU of this whole process (executor, and on PGlite the database too).
  await sleep(1_000);
  const idleSeconds = Number(values["idle-seconds"]);
  const cpu = process.cpuUsage();
  await sleep(idleSeconds * 1000);
  const used = process.cpuUsage(cpu);
  out[`idle CPU over ${idleSeconds} s`] =
    `${(((used.user + used.system) / 1e3 / (idleSeconds * 1000)) * 100).toFixed(2)} % of one core`;
  await executor.stop();
  return out;
}

async function onPglite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gh-bench-"));
  const owner = await openPgliteOwner(dir);
  const h = connectPgliteSocket(owner.socketPath, owner.close);
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
  const h = connectPostgres(url.toString(), 10);
  try {
    await migrate(h.db, { migrationsFolder });
    return await bench("postgres", h);
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
console.table(results);
process.exit(0);
