// `npm run bench:records`: seeding and the people list on 100,000 seeded people, for Postgres (a fresh
// database on 127.0.0.1:5432) and PGlite (a temp folder), each beside a hand-written SQL baseline
// measured in the same run, plus the people page's full response through `next start`.
// Options (env): BENCH_PEOPLE (100000), BENCH_ITER (300), BENCH_HTTP (100), BENCH_PORT (3290),
// BENCH_ONLY (postgres|pglite), BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres), NEXT_DIST_DIR.
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
import { createUser } from "@/db/queries/users";
import { seedDemo } from "@/lib/demo/seed";

const people = Number(process.env.BENCH_PEOPLE ?? 100_000);
const iterations = Number(process.env.BENCH_ITER ?? 300);
const httpRequests = Number(process.env.BENCH_HTTP ?? 100);
const port = Number(process.env.BENCH_PORT ?? 3290);
const adminUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const distDir = process.env.NEXT_DIST_DIR || ".next";
const secret = crypto.randomBytes(32).toString("base64url");
const ms = (t: number) => Math.round(t * 100) / 100;

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { p50: ms(at(50)), p95: ms(at(95)) };
}

async function time(n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(20, n); i++) await fn(); // warm caches and plans
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return percentiles(out);
}

async function open(kind: "postgres" | "pglite") {
  if (kind === "postgres") {
    const name = `gh_bench_${process.pid}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
    const drop = async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    };
    return {
      connect: async () => connectPostgres(url),
      serverEnv: { DATABASE_URL: url } as Record<string, string>,
      cleanup: drop,
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gh-bench-"));
  return {
    connect: async (): Promise<DbHandle> => {
      const owner = await openPgliteOwner(dir);
      return connectPgliteSocket(owner.socketPath, owner.close);
    },
    serverEnv: { GUILDHALL_DATA_DIR: dir } as Record<string, string>,
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
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

async function benchHttp(
  serverEnv: Record<string, string>,
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
  const server = spawn("./node_modules/.bin/next", ["start", "-p", String(port)], {
    env,
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
    const url = `${base}/people?${query}`;
    const get = async () => {
      const res = await fetch(url, { headers: { cookie: `${salt}=${token}` }, redirect: "manual" });
      const body = await res.text();
      if (res.status !== 200 || !body.includes(expectName))
        throw new Error(`GET ${url} returned ${res.status} without the expected row (${expectName})`);
    };
    return await time(httpRequests, get);
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
}

/**
 * The floor: the same rows as listPeople (prefix of last name, first name or email; current; active;
 * by name; 50 + 1), written by hand so the planner cannot walk the sort index (perf-anchors.md): filter
 * and sort in a materialised CTE, then join names for the 51 rows only.
 */
const baselineSql = (h: DbHandle, like: string) =>
  h.sql`with m as materialized (
      select p.id, p.first_name, p.last_name, p.email, p.job_title, p.company_id, p.membership_type_id, p.expiry_date
      from people p
      where (lower(p.last_name) like ${like} or lower(p.first_name) like ${like} or lower(p.email) like ${like})
        and p.active and p.membership_type_id is not null and (p.expiry_date is null or p.expiry_date >= current_date)),
    page as (select * from m order by lower(m.last_name), lower(m.first_name), m.id limit 51)
    select m.*, c.name as company, mt.name as type
    from page m left join membership_types mt on mt.id = m.membership_type_id left join companies c on c.id = m.company_id
    order by lower(m.last_name), lower(m.first_name), m.id`;

async function benchKind(kind: "postgres" | "pglite") {
  const target = await open(kind);
  try {
    const h = await target.connect();
    await migrate(h.db, { migrationsFolder });
    const t0 = performance.now();
    await seedDemo(h.db, {
      people,
      seed: 1,
      today: new Date().toISOString().slice(0, 10),
      memberPassword: "bench",
    });
    const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    // The most common three-letter last-name prefix: the hardest realistic search.
    const [{ prefix }] = await h.sql<{ prefix: string }[]>`
      select lower(left(last_name, 3)) as prefix from people group by 1 order by count(*) desc limit 1`;
    const filter = { q: prefix, status: "current" as const, active: true, sort: "name" as const, limit: 50 };
    const first = await listPeople(h.db, filter);
    const list = await time(iterations, () => listPeople(h.db, filter));
    const baseline = await time(iterations, () => baselineSql(h, `${prefix}%`));
    const admin = await createUser(
      h.db,
      { email: "bench-admin@example.org", password: "bench-admin-password", role: "admin" },
      "cli",
    );
    await h.close(); // PGlite: release the folder for `next start`
    const http = await benchHttp(
      target.serverEnv,
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
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
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
    console.log(
      `${kind.padEnd(8)} seed ${r.seedSeconds} s | listPeople("${r.prefix}", current, by name, 50) p50 ${r.list.p50} ms p95 ${r.list.p95} ms` +
        ` | SQL baseline p50 ${r.baseline.p50} ms p95 ${r.baseline.p95} ms | GET /people p50 ${r.http.p50} ms p95 ${r.http.p95} ms`,
    );
  }
  console.log(
    JSON.stringify({ os: `${os.cpus().length} cpu, load ${os.loadavg()[0].toFixed(1)}`, results }, null, 2),
  );
  process.exit(0);
}

void main();
