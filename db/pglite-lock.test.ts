// The PGlite folder lock across processes: a second owner fails at once naming the holder, the CLI
// attaches to the owner's socket, and a lock left by a killed process is recovered.
import { spawn, execFile, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connectPgliteSocket } from "./client";
import { openPgliteOwner } from "./pglite-owner";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gh-lock-"));
let holder: ChildProcess;
let info: { pid: number; socketPath: string };

function withoutDatabaseUrl() {
  // The CLI child gets this process's environment, minus any Postgres URL so it uses the PGlite folder.
  // eslint-disable-next-line no-restricted-syntax
  const { DATABASE_URL: _unused, ...rest } = process.env;
  return rest;
}

function startHolder(): Promise<{ pid: number; socketPath: string }> {
  holder = spawn(process.execPath, ["--import", "tsx", "db/pglite-lock-holder.ts", dir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    holder.once("exit", (code) => reject(new Error(`holder exited with ${code}`)));
    createInterface({ input: holder.stdout! }).once("line", (line) => resolve(JSON.parse(line)));
  });
}

beforeAll(async () => {
  info = await startHolder();
}, 60_000);
afterAll(() => {
  if (holder.exitCode === null) holder.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("PGlite folder lock", () => {
  it("refuses a second owner at once, naming the process that holds the folder", async () => {
    await expect(openPgliteOwner(dir)).rejects.toThrow(new RegExp(`in use by process ${info.pid}\\b`));
    vi.resetModules();
    vi.stubEnv("GUILDHALL_DATA_DIR", dir);
    vi.stubEnv("DATABASE_URL", undefined);
    const { openDatabase } = await import("./client");
    await expect(openDatabase({ pglite: "own" })).rejects.toThrow(`process ${info.pid}`);
    vi.unstubAllEnvs();
  });

  it("lets the CLI work through the owner's socket", async () => {
    const { stdout } = await run(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/cli.ts",
        "create-admin",
        "--email",
        "lock@example.org",
        "--password",
        "lock-test-password",
        "--json",
      ],
      { env: { ...withoutDatabaseUrl(), GUILDHALL_DATA_DIR: dir } },
    );
    expect(JSON.parse(stdout)).toMatchObject({ email: "lock@example.org", created: true });
    const h = connectPgliteSocket(info.socketPath);
    const rows = await h.sql`select email from users`;
    await h.close();
    expect(rows.map((r) => r.email)).toEqual(["lock@example.org"]);
  }, 60_000);

  it("recovers a stale lock left by a killed process, keeping the data", async () => {
    process.kill(info.pid, "SIGKILL");
    await new Promise((r) => holder.once("exit", r));
    expect(fs.existsSync(path.join(dir, "pglite.lock"))).toBe(true);
    const owner = await openPgliteOwner(dir);
    const h = connectPgliteSocket(owner.socketPath, owner.close);
    const rows = await h.sql`select email from users`;
    await h.close();
    expect(rows.map((r) => r.email)).toEqual(["lock@example.org"]);
    expect(fs.existsSync(path.join(dir, "pglite.lock"))).toBe(false);
  }, 60_000);
});
