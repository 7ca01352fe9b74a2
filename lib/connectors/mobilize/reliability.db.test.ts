// Reliability: a 2,000-member group synced one call per member with 30% injected faults (429 with
// Retry-After, 5xx, slow answers, connections dropped before or after the write is applied) while the
// "app process" is SIGKILLed twice mid-run. The end state must be exact, with no completed add or remove
// ever sent again.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getSyncLink } from "@/db/queries/sync-links";
import { syncLinks, syncMembers } from "@/db/schema";
import { startMobilizeStandIn, type MobilizeStandIn } from "@/scripts/stand-ins/mobilize/server";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import fs from "node:fs";
import os from "node:os";
import { connectPgliteSocket, migrationsFolder, type DbHandle } from "@/db/client";
import { openPgliteOwner } from "@/db/pglite-owner";
import { createTestDb, testDbKind, type TestDb } from "@/test/db";
import { saveConnection } from "@/lib/connectors/connections";
import { seedLinkedGroup, type SeededGroup } from "@/lib/sync/test-support/seed";

// Postgres: a test database shared with the child. PGlite: a data folder the child owns while it runs
// (the parent opens it only between children).
let t: TestDb | DbHandle;
let dataDir: string | undefined;
let s: MobilizeStandIn;
let seed: SeededGroup;
let linkId: string;
let remoteGroupId: number;
const handAdded = 60;

beforeAll(async () => {
  if (testDbKind() === "pglite") {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gh-sync-rel-"));
    t = await openParent();
    await migrate(t.db, { migrationsFolder });
  } else t = await createTestDb();
  s = await startMobilizeStandIn({ apiKey: "k", apiSecret: "s" });
  // One call per member maximises the number of faults the run must survive.
  await saveConnection(t.db, {
    vendor: "mobilize",
    baseUrl: s.url,
    apiKey: "k",
    apiSecret: "s",
    options: { bulkAddPath: "" },
  });
  remoteGroupId = s.state.createGroup({ name: "Reliability" }).id;
  for (let i = 0; i < handAdded; i++)
    s.state.addMember(remoteGroupId, s.state.upsertUser({ email: `stray${i}@elsewhere.org` }).id);
  ({ seed, linkId } = await seedLinkedGroup(t.db, {
    eligible: 2000,
    prefix: "rel",
    remoteGroupId,
    remoteGroupName: "Reliability",
  }));
  await t.db.update(syncLinks).set({ guardMinimum: 100_000 }).where(eq(syncLinks.id, linkId));
  if (dataDir) await t.close();
}, 120_000);

async function openParent(): Promise<DbHandle> {
  const owner = await openPgliteOwner(dataDir!);
  return connectPgliteSocket(owner.socketPath, owner.close);
}
afterAll(async () => {
  await s?.close();
  await t?.close().catch(() => {});
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function startChild(): { child: ChildProcess; done: Promise<number | null>; progress: () => number } {
  const arg = JSON.stringify({ url: (t as TestDb).url, dataDir, linkId });
  // node itself with tsx's loader (not the tsx wrapper, whose SIGKILL would leave its node child running).
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.resolve("lib/sync/test-support/run-sync-child.ts"), arg],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let done = 0;
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    for (const line of chunk.split("\n"))
      if (line.startsWith('{"done"')) done = Math.max(done, JSON.parse(line).done);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, done: exited, progress: () => done };
}

it("ends exact after faults and two SIGKILLs, with no duplicate calls", { timeout: 180_000 }, async () => {
  await fetch(`http://localhost:${s.port}/__faults`, {
    method: "POST",
    body: JSON.stringify({
      rate: 0.3,
      kinds: ["429", "500", "503", "slow", "drop", "drop_after"],
      retryAfterSeconds: 0.05,
      slowMs: 100,
      seed: 42,
    }),
  });
  for (const killAt of [400, 1200]) {
    const { child, done, progress } = startChild();
    while (progress() < killAt) {
      if (child.exitCode !== null) throw new Error(`child exited early with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill("SIGKILL");
    await done;
  }
  const { done } = startChild();
  expect(await done).toBe(0);
  if (dataDir) t = await openParent();

  const remote = [...s.state.members.get(remoteGroupId)!.keys()]
    .map((id) => s.state.users.get(id)!.email)
    .sort();
  expect(remote).toEqual([...seed.eligibleEmails].sort());
  const c = s.counters();
  expect(c.faults).toBeGreaterThan(300);
  expect(c.addsApplied).toBe(2000);
  expect(c.removesApplied).toBe(handAdded);
  expect(c.addNoops).toBe(0);
  expect(c.removeMisses).toBe(0);

  const link = await getSyncLink(t.db, linkId);
  expect(link).toMatchObject({
    status: "up_to_date",
    progressDone: 2000 + handAdded,
    progressTotal: 2000 + handAdded,
  });
  const members = await t.db.select().from(syncMembers).where(eq(syncMembers.linkId, linkId));
  expect(members.filter((m) => m.state === "up_to_date")).toHaveLength(2000);
  expect(
    members
      .filter((m) => m.state === "not_applicable")
      .map((m) => m.reason)
      .sort(),
  ).toEqual(["deactivated", "is_company", "missing_email", "no_user_account"]);
});
