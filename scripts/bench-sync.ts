// `npm run bench:sync`: against the Mobilize stand-in, on Postgres (a fresh database on 127.0.0.1:5432)
// and PGlite (a temp folder):
//   1. initial sync of BENCH_SYNC_PEOPLE (10,000) eligible members: wall time, and requests made versus
//      the minimum the API allows (one members page per pageSize + one bulk add per 1,000);
//   2. edit → stand-in latency: a person's job title is changed through the app's write path
//      (updatePerson → change outbox); an outbox follower with the same 1 s debounce as the Inngest
//      function runs the engine; we time until the stand-in holds the new value. BENCH_SYNC_EDITS (20).
// The embedded Inngest executor itself is not in this loop (its own bench measures it). The stand-in runs
// in its own process, as the real service would, so its CPU does not count against the app.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { connectPgliteSocket, connectPostgres, migrationsFolder, type DbHandle } from "@/db/client";
import { openPgliteOwner } from "@/db/pglite-owner";
import { updatePerson } from "@/lib/records/people";
import { saveSyncLink } from "@/db/queries/sync-links";
import { siteSettings } from "@/db/schema";
import { saveConnection } from "@/lib/connectors/connections";
import { startFollower } from "@/lib/changes/engine";
import { runSync } from "@/lib/sync/engine";
import { seedSyncGroup } from "@/lib/sync/test-support/seed";
import { affectedBy } from "@/lib/changes/sync-triggers";
import { spawn } from "node:child_process";

const count = Number(process.env.BENCH_SYNC_PEOPLE ?? 10_000);
const edits = Number(process.env.BENCH_SYNC_EDITS ?? 20);
const adminUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const only = process.env.BENCH_ONLY;

async function openTarget(
  kind: "postgres" | "pglite",
): Promise<{ handle: DbHandle; cleanup: () => Promise<void> }> {
  if (kind === "postgres") {
    const name = `gh_bench_sync_${process.pid}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}"`);
    await admin.unsafe(`create database "${name}"`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const handle = connectPostgres(u.toString(), 5);
    await migrate(handle.db, { migrationsFolder });
    return {
      handle,
      cleanup: async () => {
        await handle.close();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gh-bench-sync-"));
  const owner = await openPgliteOwner(dir);
  const handle = { ...connectPgliteSocket(owner.socketPath, owner.close), access: "owner" as const };
  await migrate(handle.db, { migrationsFolder });
  return {
    handle,
    cleanup: async () => (await handle.close(), fs.rmSync(dir, { recursive: true, force: true })),
  };
}

const standInPort = Number(process.env.BENCH_SYNC_PORT ?? 4791);
const api = (path: string, init?: RequestInit) =>
  fetch(`http://localhost:${standInPort}${path}`, init).then(
    (r) => r.json() as Promise<Record<string, unknown>>,
  );

async function startStandIn() {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/stand-ins/mobilize/main.ts",
      "--port",
      String(standInPort),
      "--key",
      "bench",
      "--secret",
      "bench",
      "--no-seed",
    ],
    { stdio: "ignore" },
  );
  for (let i = 0; i < 100; i++) {
    if (
      await api("/__state").then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://localhost:${standInPort}/v1`, close: async () => void child.kill("SIGTERM") };
}

const p = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];

async function bench(kind: "postgres" | "pglite") {
  const { handle, cleanup } = await openTarget(kind);
  const standIn = await startStandIn();
  try {
    const db = handle.db;
    await saveConnection(db, {
      vendor: "mobilize",
      baseUrl: standIn.url,
      apiKey: "bench",
      apiSecret: "bench",
    });
    await db
      .insert(siteSettings)
      .values({ id: 1, launched: true })
      .onConflictDoUpdate({ target: siteSettings.id, set: { launched: true } });
    const seed = await seedSyncGroup(db, count, "bench");
    const [remote] = (
      await api("/__seed", { method: "POST", body: JSON.stringify({ groups: [{ name: "Bench" }] }) })
    ).groups as { id: number }[];
    const link = await saveSyncLink(db, {
      vendor: "mobilize",
      groupId: seed.groupId,
      remoteGroupId: String(remote.id),
      remoteGroupName: "Bench",
    });

    const t0 = performance.now();
    const result = await runSync(db, link.id);
    const initialMs = performance.now() - t0;
    const state = await api("/__state");
    const requests = (state.counters as { requests: number }).requests;
    const minimum = 1 + Math.ceil(count / 1000); // one (empty) members page + bulk adds of 1,000
    const inRemote = (state.groups as { id: number; members: string[] }[]).find((g) => g.id === remote.id)!
      .members.length;

    // Edit → remote latency through the outbox.
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<unknown> = Promise.resolve();
    const follower = await startFollower(
      handle,
      {
        name: "bench-sync",
        log: "outbox",
        apply: async (_tx, batch) => {
          if (!affectedBy(batch).personIds.length) return;
          clearTimeout(timer);
          timer = setTimeout(() => (running = running.then(() => runSync(db, link.id))), 1000); // debounce "1s"
        },
      },
      { pollMs: 60_000 },
    );
    const latencies: number[] = [];
    for (let i = 0; i < edits; i++) {
      const id = seed.eligibleIds[i * 7];
      const title = `Title ${i}-${Date.now()}`;
      const start = performance.now();
      await updatePerson(db, id, { jobTitle: title }, "cli");
      const email = seed.eligibleEmails[i * 7];
      const jobTitle = async () =>
        ((await api(`/__user?email=${encodeURIComponent(email)}`)).fields as Record<string, unknown>)
          .job_title;
      while ((await jobTitle()) !== title) {
        if (performance.now() - start > 30_000) throw new Error("edit did not reach the stand-in in 30 s");
        await new Promise((r) => setTimeout(r, 10));
      }
      latencies.push(performance.now() - start);
      await running;
    }
    await follower.stop();
    return {
      kind,
      members: count,
      status: result.status,
      remoteMembers: inRemote,
      initialSyncSeconds: Math.round(initialMs) / 1000,
      requests,
      minimumRequests: minimum,
      overheadPercent: Math.round(((requests - minimum) / minimum) * 1000) / 10,
      editToRemoteMs: {
        p50: Math.round(p(latencies, 0.5)),
        p95: Math.round(p(latencies, 0.95)),
        max: Math.round(Math.max(...latencies)),
      },
    };
  } finally {
    await standIn.close();
    await cleanup();
  }
}

const results = [];
for (const kind of ["postgres", "pglite"] as const)
  if (!only || only === kind) results.push(await bench(kind));
console.log(JSON.stringify(results, null, 2));
process.exit(0);
