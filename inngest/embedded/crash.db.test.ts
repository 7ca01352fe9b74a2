// Crash test (Postgres and PGlite): a child process running the executor is SIGKILLed in the middle of a
// step, during a sleep and between steps. After restarts every run completes, and no step whose result
// was stored ever ran again (a step interrupted mid-way runs once more, as on Inngest: at-least-once).
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { waitFor } from "./testing/harness";

let t: TestDb;
let child: ChildProcess | null = null;

function startChild(send = 0): Promise<ChildProcess> {
  const env = {
    ...process.env,
    ...(t.url ? { CRASH_DB_URL: t.url } : { CRASH_DB_SOCKET: t.socketPath }),
    CRASH_SEND: String(send),
  };
  const c = spawn("./node_modules/.bin/tsx", ["inngest/embedded/testing/crash-child.ts"], { env, stdio: ["ignore", "pipe", "inherit"] });
  child = c;
  return new Promise((resolve, reject) => {
    c.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve(c));
    c.once("exit", (code) => reject(new Error(`crash child exited with ${code}`)));
  });
}

async function kill(c: ChildProcess) {
  const exited = once(c, "exit");
  c.kill("SIGKILL");
  await exited;
  child = null;
}

const count = async (where: string) =>
  (await t.sql.unsafe(`select count(*)::int as n from wf_crash_effects where ${where}`))[0].n as number;

beforeAll(async () => {
  t = await createTestDb();
  await t.sql`create table wf_crash_effects (run_id text, step text, phase text, at timestamptz default now())`;
});
afterAll(async () => {
  if (child) await kill(child);
  await t.close();
});

describe("crash safety", () => {
  it("loses nothing and re-runs no completed step when killed at any point", async () => {
    // One run, so every kill point is exact (a second run could be caught between a step's end and its commit).
    let c = await startChild(1);
    // 1. In the middle of a step.
    await waitFor(async () => (await count("step = 'slow' and phase = 'start'")) > 0, 30_000);
    await kill(c);
    c = await startChild();
    // 2. During a sleep.
    await waitFor(async () => (await t.sql`select 1 from wf_steps where status = 'waiting'`).length > 0, 30_000);
    await kill(c);
    c = await startChild();
    // 3. Between steps: b's result is stored, c has not started.
    await waitFor(
      async () => (await t.sql`select 1 from wf_steps where name = 'b' and status = 'completed'`).length > 0,
      30_000,
      5,
    );
    await kill(c);
    c = await startChild();
    await waitFor(async () => (await t.sql`select 1 from wf_runs where status = 'completed'`).length === 1, 60_000);
    await kill(c);

    const rows = await t.sql<{ step: string; starts: number; ends: number }[]>`
      select step, count(*) filter (where phase = 'start')::int as starts,
             count(*) filter (where phase = 'end')::int as ends
      from wf_crash_effects group by run_id, step`;
    const by = Object.fromEntries(rows.map((r) => [r.step, r]));
    expect(Object.keys(by).sort()).toEqual(["a", "b", "c", "slow"]);
    for (const r of rows) expect(r.ends, `step ${r.step} completed once`).toBe(1);
    // Stored steps never ran again; "slow" was killed mid-way and ran once more; "c" may have been.
    expect([by.a.starts, by.slow.starts, by.b.starts]).toEqual([1, 2, 1]);
    expect(by.c.starts).toBeLessThanOrEqual(2);
    expect((await t.sql`select output from wf_runs`).map((r) => r.output)).toEqual(["done"]);
  }, 120_000);
});
