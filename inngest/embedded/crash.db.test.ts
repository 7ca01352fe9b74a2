// Crash test (Postgres and PGlite): a child process running the executor is SIGKILLed in the middle of a
// step, during a sleep and between steps. After restarts the run completes, and no step whose result was
// stored ever ran again (a step interrupted mid-way runs once more, as on Inngest: at-least-once).
// On PGlite the child owns the database folder, like the app; the test reads through its socket.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testDbKind, type TestDb } from "@/test/db";
import { waitFor } from "./testing/harness";

type Status = {
  effects: { step: string; phase: string }[];
  steps: { name: string; status: string }[];
  runs: { status: string; output: unknown }[];
};

let t: TestDb | null = null;
let dataDir = "";
let child: ChildProcess | null = null;
let status: Status = { effects: [], steps: [], runs: [] };

async function startChild(send = 0): Promise<ChildProcess> {
  // eslint-disable-next-line no-restricted-syntax -- the child inherits this environment, with its own database
  const { DATABASE_URL: _drop, ...base } = process.env;
  const env = {
    ...base,
    ...(t ? { DATABASE_URL: t.url } : { GUILDHALL_DATA_DIR: dataDir }),
    CRASH_SEND: String(send),
  };
  // node --import tsx, not the tsx binary: that forks a second process which SIGKILL would not reach.
  const c = spawn(process.execPath, ["--import", "tsx", "inngest/embedded/testing/crash-child.ts"], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  child = c;
  let buffer = "";
  c.stdout!.on("data", (d: Buffer) => {
    buffer += d.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop()!;
    for (const l of lines) if (l.startsWith("status ")) status = JSON.parse(l.slice(7)) as Status;
  });
  await waitFor(async () => child === c && status.effects.length > 0, 60_000);
  return c;
}

async function kill(c: ChildProcess) {
  const exited = once(c, "exit");
  c.kill("SIGKILL");
  await exited;
  child = null;
}

const until = (f: (s: Status) => boolean, intervalMs = 10) =>
  waitFor(async () => f(status), 60_000, intervalMs);

beforeAll(async () => {
  if (testDbKind() === "postgres") t = await createTestDb();
  else dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gh-crash-"));
});
afterAll(async () => {
  if (child) await kill(child);
  await t?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("crash safety", () => {
  it("loses nothing and re-runs no completed step when killed at any point", async () => {
    // One run, so every kill point is exact (a second run could be caught between a step's end and its commit).
    let c = await startChild(1);
    // 1. In the middle of a step.
    await until((s) => s.effects.some((e) => e.step === "slow" && e.phase === "start"));
    await kill(c);
    c = await startChild();
    // 2. During a sleep.
    await until((s) => s.steps.some((x) => x.status === "waiting"));
    await kill(c);
    c = await startChild();
    // 3. Between steps: b's result is stored (c may just have started: then it is killed mid-step).
    await until((s) => s.steps.some((x) => x.name === "b" && x.status === "completed"), 1);
    await kill(c);
    c = await startChild();
    await until((s) => s.runs.length === 1 && s.runs[0].status === "completed");
    await kill(c);

    const tally = (step: string, phase: string) =>
      status.effects.filter((e) => e.step === step && e.phase === phase).length;
    expect([...new Set(status.effects.map((e) => e.step))].sort()).toEqual(["a", "b", "c", "slow"]);
    for (const step of ["a", "slow", "b", "c"]) expect(tally(step, "end"), `${step} completed once`).toBe(1);
    // Stored steps never ran again; "slow" was killed mid-way and ran once more; "c" may have been.
    expect([tally("a", "start"), tally("slow", "start"), tally("b", "start")]).toEqual([1, 2, 1]);
    expect(tally("c", "start")).toBeLessThanOrEqual(2);
    expect(status.runs).toEqual([{ status: "completed", output: "done" }]);
  }, 120_000);
});
