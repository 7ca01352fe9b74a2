// Every CLI command delivers its whole output to a pipe: a group of 6,000 people listed as JSON (well past
// the 64 KB a pipe takes at once) arrives whole and parses.
import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { createGroup } from "@/lib/groups/definitions";
import { catchUpGroups } from "@/lib/changes/group-membership";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

function runCli(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("./node_modules/.bin/tsx", ["scripts/cli.ts", ...args], {
      env: { ...process.env, DATABASE_URL: t.url },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const chunks: Buffer[] = [];
    // Read slowly, as a consumer down a pipe may: the writer must wait, not exit.
    child.stdout.on("data", (c: Buffer) => {
      chunks.push(c);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 2);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(chunks).toString("utf8") }));
  });
}

describe("the CLI on a pipe", () => {
  it("delivers the whole output of a large command", async () => {
    await t.db.execute(sql`insert into people (first_name, last_name, email, job_title)
      select 'Pipe' || i, 'Reader', 'pipe' || i || '@example.org', 'piped' from generate_series(1, 6000) i`);
    const group = await createGroup(
      t.db,
      { name: "Piped", recordTypes: "people", conditions: { field: "job_title", op: "eq", value: "piped" } },
      "cli",
    );
    await catchUpGroups(t);
    const { code, stdout } = await runCli(["group", "members", group.id, "--limit", "6000", "--json"]);
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThan(128 * 1024);
    const out = JSON.parse(stdout) as { members: unknown[] };
    expect(out.members).toHaveLength(6000);
  }, 120_000);
});
