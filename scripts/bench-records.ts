// `npm run bench:records`: seeding and the people list on 100,000 seeded people, for Postgres (a fresh
// database on 127.0.0.1:5432) and PGlite (a temp folder), each beside a hand-written SQL baseline
// measured in the same run, plus the people page's full response through `next start` (timed once the
// server has finished its start-up work, such as its outbox followers catching up on the seed).
// Options (env): BENCH_PEOPLE (100000), BENCH_ITER (300), BENCH_HTTP (100), BENCH_PORT (3290),
// BENCH_ONLY (postgres|pglite), BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres), NEXT_DIST_DIR,
// BENCH_KEEP=1 (keep the seeded databases: Postgres `gh_bench_keep`, PGlite $TMPDIR/gh-bench-keep, and reuse
// them on the next run without reseeding; for EXPLAIN ANALYZE on the bench's data), BENCH_SKIP_HTTP=1.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { connectPgliteSocket, connectPostgres, migrationsFolder, type DbHandle } from "@/db/client";
import { openPgliteOwner } from "@/db/pglite-owner";
import { listPeople } from "@/db/queries/people";
import { findUserByEmail } from "@/db/queries/users";
import { createUser } from "@/lib/auth/accounts";
import { seedDemo } from "@/lib/demo/seed";
import { nextStartEnv } from "./next-start";

const people = Number(process.env.BENCH_PEOPLE ?? 100_000);
const iterations = Number(process.env.BENCH_ITER ?? 300);
const httpRequests = Number(process.env.BENCH_HTTP ?? 100);
const port = Number(process.env.BENCH_PORT ?? 3290);
const adminUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const distDir = process.env.NEXT_DIST_DIR || ".next";
const keep = process.env.BENCH_KEEP === "1";
const skipHttp = process.env.BENCH_SKIP_HTTP === "1";
const secret = crypto.randomBytes(32).toString("base64url");
const ms = (t: number) => Math.round(t * 100) / 100;

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { p50: ms(at(50)), p95: ms(at(95)) };
}

/** A process to charge CPU to: its command line (Postgres backends show the database) or environment. */
type Marker = { in: "cmdline" | "environ"; text: string };

/** CPU seconds (user + system) used so far by the processes matching any marker. */
function cpuOf(markers: Marker[]): number {
  let ticks = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (!markers.some((m) => fs.readFileSync(`/proc/${pid}/${m.in}`, "utf8").includes(m.text))) continue;
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      /* gone */
    }
  }
  return ticks / 100; // USER_HZ
}

/**
 * Latency percentiles plus CPU per operation: this process (which also runs PGlite) and the processes
 * matching `servers` (Postgres backends of the bench database, the next server).
 */
async function time(n: number, fn: () => Promise<unknown>, servers: Marker[] = []) {
  for (let i = 0; i < Math.min(20, n); i++) await fn(); // warm caches and plans
  const out: number[] = [];
  const cpu0 = process.cpuUsage();
  const server0 = cpuOf(servers);
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  const clientCpu = (cpu.user + cpu.system) / 1000 / n;
  const serverCpu = ((cpuOf(servers) - server0) * 1000) / n;
  return { ...percentiles(out), cpuMs: ms(clientCpu + serverCpu) };
}

async function open(kind: "postgres" | "pglite") {
  if (kind === "postgres") {
    const name = keep ? "gh_bench_keep" : `gh_bench_${process.pid}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    if (!keep) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    const exists = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists.length) await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
    const drop = async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    };
    return {
      connect: async () => connectPostgres(url),
      dbMarkers: [{ in: "cmdline", text: ` ${name} ` }] as Marker[],
      serverEnv: { DATABASE_URL: url } as Record<string, string>,
      cleanup: keep ? async () => {} : drop,
    };
  }
  const dir = keep
    ? path.join(os.tmpdir(), "gh-bench-keep")
    : fs.mkdtempSync(path.join(os.tmpdir(), "gh-bench-"));
  return {
    connect: async (): Promise<DbHandle> => {
      const owner = await openPgliteOwner(dir);
      return connectPgliteSocket(owner.socketPath, owner.close);
    },
    dbMarkers: [] as Marker[],
    serverEnv: { GUILDHALL_DATA_DIR: dir } as Record<string, string>,
    cleanup: async () => {
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitFor(url: string, deadline = Date.now() + 120_000) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

/**
 * Waits until the processes matching `markers` use under 5% of a core over a second. A server started
 * on a freshly seeded database first lets its outbox followers (groups, sync triggers, webhooks) work
 * through the seed's ~137,000 changes, which takes tens of seconds of CPU; timing pages during that
 * catch-up measures the catch-up, not the page. Returns the seconds waited (reported with the figures).
 */
async function settle(markers: Marker[], deadline = Date.now() + 180_000): Promise<number> {
  const t0 = Date.now();
  let last = cpuOf(markers);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuOf(markers);
    if (now - last < 0.05) break;
    last = now;
  }
  return Math.round((Date.now() - t0) / 100) / 10;
}

async function benchHttp(
  serverEnv: Record<string, string>,
  dbMarkers: Marker[],
  userId: string,
  query: string,
  expectName: string,
) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...serverEnv,
    AUTH_SECRET: secret,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
  };
  if (!("DATABASE_URL" in serverEnv)) delete env.DATABASE_URL;
  const marker = `GUILDHALL_BENCH_SERVER=${process.pid}`;
  env.GUILDHALL_BENCH_SERVER = String(process.pid);
  const server = spawn("./node_modules/.bin/next", ["start", "-p", String(port)], {
    env: nextStartEnv(env),
    detached: true,
    stdio: "ignore",
  });
  try {
    const base = `http://localhost:${port}`;
    await waitFor(`${base}/sign-in`);
    const salt = "authjs.session-token";
    const token = await encode({
      token: { uid: userId, sub: userId, authTime: Math.floor(Date.now() / 1000) },
      secret,
      salt,
    });
    const servers: Marker[] = [{ in: "environ", text: marker }, ...dbMarkers];
    const settledAfterS = await settle(servers);
    const url = `${base}/people?${query}`;
    const get = async () => {
      const res = await fetch(url, { headers: { cookie: `${salt}=${token}` }, redirect: "manual" });
      const body = await res.text();
      if (res.status !== 200 || !body.includes(expectName))
        throw new Error(`GET ${url} returned ${res.status} without the expected row (${expectName})`);
    };
    // CPU per request: the next server (which also runs PGlite) plus Postgres backends, if any.
    return { ...(await time(httpRequests, get, servers)), settledAfterS };
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
}

/**
 * The floor: the same rows and columns as listPeople (prefix of last name, first name or email; current;
 * active; by name; 50 + 1), in the best shape written by hand (perf-anchors.md, "planner trap"): the
 * last-name matches walked in name order on people_sort_name_c_idx from the prefix, stopping after 51;
 * the few first-name/email matches collected in a materialised CTE and sorted; the union's first 51
 * decorated with company and membership type.
 */
const baselineSql = (h: DbHandle, like: string) =>
  h.sql`with other as materialized (
      select p.id, lower(p.last_name) collate "C" as k1, lower(p.first_name) collate "C" as k2 from people p
      where (lower(p.first_name) like ${like} or lower(p.email) like ${like})
        and p.active and p.membership_type_id is not null and (p.expiry_date is null or p.expiry_date >= current_date)),
    page as materialized (
      select * from (
        (select p.id, lower(p.last_name) collate "C" as k1, lower(p.first_name) collate "C" as k2 from people p
          where lower(p.last_name) collate "C" like ${like}
            and p.active and p.membership_type_id is not null and (p.expiry_date is null or p.expiry_date >= current_date)
          order by 2, 3, 1 limit 51)
        union
        (select * from other order by k1, k2, id limit 51)) u
      order by k1, k2, id limit 51)
    select p.id, p.first_name, p.last_name, p.email, p.job_title, p.company_id, c.name as company, mt.name as type,
      case when p.expiry_date is null or p.expiry_date >= current_date then 'current'
        when p.expiry_date + mt.grace_days >= current_date then 'grace' else 'expired' end as status,
      p.expiry_date::text, p.active, p.approval_status, p.updated_at::text, page.k1, page.k2
    from page join people p on p.id = page.id
    left join membership_types mt on mt.id = p.membership_type_id left join companies c on c.id = p.company_id
    order by page.k1, page.k2, page.id`;

async function benchKind(kind: "postgres" | "pglite") {
  const target = await open(kind);
  try {
    const h = await target.connect();
    await migrate(h.db, { migrationsFolder });
    const [{ n: existing }] = await h.sql<{ n: number }[]>`select count(*)::int as n from people`;
    let seedSeconds: number | "reused" = "reused";
    if (!keep || existing < people) {
      const t0 = performance.now();
      await seedDemo(h.db, {
        people: people - (keep ? existing : 0),
        seed: 1,
        today: new Date().toISOString().slice(0, 10),
        memberPassword: "bench",
      });
      seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    }
    // The most common three-letter last-name prefix: the hardest realistic search.
    const [{ prefix }] = await h.sql<{ prefix: string }[]>`
      select lower(left(last_name, 3)) as prefix from people group by 1 order by count(*) desc limit 1`;
    const filter = { q: prefix, status: "current" as const, active: true, sort: "name" as const, limit: 50 };
    const first = await listPeople(h.db, filter);
    // A fair floor returns the same rows in the same order.
    const floorIds = (await baselineSql(h, `${prefix}%`)).slice(0, 50).map((r) => r.id as string);
    if (floorIds.join() !== first.rows.map((r) => r.id).join())
      throw new Error("the SQL baseline and listPeople disagree on the page's rows");
    const list = await time(iterations, () => listPeople(h.db, filter), target.dbMarkers);
    const baseline = await time(iterations, () => baselineSql(h, `${prefix}%`), target.dbMarkers);
    const admin =
      (await findUserByEmail(h.db, "bench-admin@example.org")) ??
      (await createUser(
        h.db,
        { email: "bench-admin@example.org", password: "bench-admin-password", role: "admin" },
        "cli",
      ));
    await h.close(); // PGlite: release the folder for `next start`
    const http = skipHttp
      ? null
      : await benchHttp(
          target.serverEnv,
          target.dbMarkers,
          admin.id,
          `q=${prefix}&status=current`,
          first.rows[0].lastName,
        );
    return { kind, people, seedSeconds, prefix, rows: first.rows.length, list, baseline, http };
  } finally {
    await target.cleanup();
  }
}

async function main() {
  if (!skipHttp && !fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    console.log(`No build in ${distDir}; building…`);
    if (spawnSync("./node_modules/.bin/next", ["build"], { stdio: "inherit" }).status !== 0) process.exit(1);
  }
  const kinds = (["postgres", "pglite"] as const).filter(
    (k) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY === k,
  );
  const results = [];
  for (const kind of kinds) {
    console.error(`${kind}: seeding ${people} people and measuring…`);
    const r = await benchKind(kind);
    results.push(r);
    const fig = (t: { p50: number; p95: number; cpuMs: number; settledAfterS?: number }) =>
      `p50 ${t.p50} ms p95 ${t.p95} ms cpu ${t.cpuMs} ms/op` +
      (t.settledAfterS === undefined ? "" : ` (timed once the server was idle, after ${t.settledAfterS} s)`);
    console.log(
      `${kind.padEnd(8)} seed ${r.seedSeconds} s | listPeople("${r.prefix}", current, by name, 50) ${fig(r.list)}` +
        ` | SQL baseline ${fig(r.baseline)} | GET /people ${r.http ? fig(r.http) : "skipped"}`,
    );
  }
  console.log(
    JSON.stringify({ os: `${os.cpus().length} cpu, load ${os.loadavg()[0].toFixed(1)}`, results }, null, 2),
  );
  process.exit(0);
}

void main();
