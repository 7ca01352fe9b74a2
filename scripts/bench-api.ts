// `npm run bench:api`: GET /api/v1/members?limit=100 for a key scoped to a group of about half of 100,000
// people with ten fields (rate limit lifted), against `next start`, measured with autocannon at 32
// connections from a separate process, next to a bare baseline route (bearer check + the same page query)
// in the same run. Also: 1-connection p50, and walking the whole scope by cursor. Postgres, then PGlite.
// Needs a build: NEXT_DIST_DIR=.next-bench npx next build (or any dist dir, passed the same way).
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { connectPgliteSocket, connectPostgres, migrationsFolder, type DbHandle } from "@/db/client";
import { openPgliteOwner } from "@/db/pglite-owner";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { createApiKey } from "@/lib/api-keys/lifecycle";
import { nextStartEnv } from "./next-start";

const BENCH_FIELDS = ["email", "phone", "job_title", "member_status", "join_date"];
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 3296);
const DURATION = Number(process.env.BENCH_SECONDS ?? 20);
const adminUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const baselineToken = crypto.randomBytes(24).toString("base64url");
const next = path.join(process.cwd(), "node_modules", ".bin", "next");
const autocannon = path.join(process.cwd(), "node_modules", ".bin", "autocannon");

async function seed(h: DbHandle) {
  const t0 = Date.now();
  await h.db.execute(sql`insert into membership_types (name) values ('Regular') on conflict do nothing`);
  await h.db.execute(sql`insert into companies (name, email_domains)
    select 'Company ' || i, array['c' || i || '.example'] from generate_series(1, 5000) i`);
  await h.db
    .execute(sql`insert into people (first_name, last_name, email, phone, job_title, membership_type_id, join_date, expiry_date, custom)
    select 'First' || i, 'Last' || (i % 5000), 'p' || i || '@example.org', '555-' || i, 'Title ' || (i % 50),
      case when i % 3 = 0 then null else (select id from membership_types limit 1) end,
      date '2020-01-01' + (i % 1500), date '2025-01-01' + (i % 900), jsonb_build_object('level', 'L' || (i % 7))
    from generate_series(1, ${PEOPLE}) i`);
  const [g] = (await h.db.execute(
    sql`insert into groups (name, record_types, mode) values ('Bench half', 'people', 'specific') returning id`,
  )) as unknown as { id: string }[];
  await h.db.execute(sql`insert into group_specific_records (group_id, record_type, record_id)
    select ${g.id}, 'person', id from people where hashtext(id::text) % 2 = 0`);
  await h.db.execute(sql`insert into group_members (group_id, record_type, record_id)
    select group_id, record_type, record_id from group_specific_records where group_id = ${g.id}`);
  await h.db.execute(sql`analyze`);
  const { secret } = await createApiKey(h.db, {
    name: "bench",
    eventAccess: true,
    memberAccess: true,
    followSignupProtection: false,
    limitMemberData: true,
    groupId: g.id,
    memberFields: BENCH_FIELDS,
    customFieldKeys: [],
    rateLimitPerSecond: 1_000_000,
    rateLimitPerMinute: 60_000_000,
  });
  const [n] = (await h.db.execute(
    sql`select count(*)::int as n from group_members where group_id = ${g.id}`,
  )) as unknown as { n: number }[];
  console.log(`seeded ${PEOPLE} people, group of ${n.n}, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { secret, groupId: g.id, scope: n.n };
}

function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(next, ["start", "-p", String(PORT)], {
    env: nextStartEnv({
      ...process.env,
      ...env,
      PORT: String(PORT),
      GUILDHALL_BENCH_BASELINE_TOKEN: baselineToken,
      NEXT_TELEMETRY_DISABLED: "1",
    }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stderr!.on("data", (d) => process.stderr.write(`[next] ${d}`));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      try {
        const r = await fetch(`http://127.0.0.1:${PORT}/api/v1/openapi.json`);
        if (r.ok) return resolve(child);
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) reject(new Error("next start did not come up"));
      else setTimeout(poll, 300);
    };
    void poll();
  });
}

const stop = (child: ChildProcess) => {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    /* gone */
  }
};

type Result = { rps: number; p50: number; p975: number; errors: number; non2xx: number };
function cannon(url: string, auth: string, connections: number, seconds: number): Result {
  const out = execFileSync(
    autocannon,
    ["-c", String(connections), "-d", String(seconds), "-j", "-H", `authorization=${auth}`, url],
    {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  const j = JSON.parse(out);
  return {
    rps: j.requests.average,
    p50: j.latency.p50,
    p975: j.latency.p97_5,
    errors: j.errors,
    non2xx: j.non2xx,
  };
}

const fmt = (r: Result) => `${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p97.5 ${r.p975} ms`;

function mean(rs: Result[]): Result {
  const avg = (f: (r: Result) => number) => rs.reduce((t, r) => t + f(r), 0) / rs.length;
  return {
    rps: avg((r) => r.rps),
    p50: avg((r) => r.p50),
    p975: avg((r) => r.p975),
    errors: avg((r) => r.errors) * rs.length,
    non2xx: avg((r) => r.non2xx) * rs.length,
  };
}

/** p50 in ms (two decimals) of requests sent one after another on one kept-alive connection. */
async function sequentialP50(url: string, auth: string, seconds: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      http
        .get(url, { agent, headers: { authorization: auth } }, (res) => {
          if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
          res.on("data", () => {});
          res.on("end", () => resolve(performance.now() - t0));
        })
        .on("error", reject);
    });
  const times: number[] = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) times.push(await once());
  agent.destroy();
  times.sort((a, b) => a - b);
  return +times[Math.floor(times.length / 2)].toFixed(2);
}

async function walk(base: string, secret: string) {
  const t0 = performance.now();
  let cursor: string | null = null;
  let n = 0;
  do {
    const r: Response = await fetch(`${base}/api/v1/members?limit=200${cursor ? `&cursor=${cursor}` : ""}`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    const body = (await r.json()) as { data: unknown[]; next_cursor: string | null };
    n += body.data.length;
    cursor = body.next_cursor;
  } while (cursor);
  return { records: n, seconds: (performance.now() - t0) / 1000 };
}

async function measure(
  label: string,
  serverEnv: Record<string, string>,
  s: { secret: string; groupId: string; scope: number },
) {
  const server = await startServer(serverEnv);
  const base = `http://127.0.0.1:${PORT}`;
  try {
    const api = `${base}/api/v1/members?limit=100`;
    const bare = `${base}/api/bench/baseline?limit=100&group=${s.groupId}&fields=${BENCH_FIELDS.join(",")}`;
    // Warm-up: V8 keeps optimizing the hot paths for ~20 s; both sides are measured warm.
    cannon(api, `Bearer ${s.secret}`, 32, 10);
    cannon(bare, `Bearer ${baselineToken}`, 32, 10);
    // This machine's speed drifts by ±20% within seconds: alternate short rounds (ABBA) and average them,
    // so both sides see the same conditions. Each round is printed, to show the drift.
    const rounds: { b: Result[]; a: Result[] } = { b: [], a: [] };
    const ROUNDS = 10;
    for (let i = 0; i < ROUNDS; i++) {
      const order = i % 2 === 0 ? ["b", "a"] : ["a", "b"];
      for (const side of order) {
        const r =
          side === "b"
            ? cannon(bare, `Bearer ${baselineToken}`, 32, (2 * DURATION) / ROUNDS)
            : cannon(api, `Bearer ${s.secret}`, 32, (2 * DURATION) / ROUNDS);
        rounds[side as "a" | "b"].push(r);
        console.log(`  round ${i + 1} ${side === "b" ? "baseline" : "api     "} ${fmt(r)}`);
      }
    }
    const baseline = mean(rounds.b);
    const keyed = mean(rounds.a);
    const single = cannon(api, `Bearer ${s.secret}`, 1, 5);
    const singleBare = cannon(bare, `Bearer ${baselineToken}`, 1, 5);
    // autocannon keeps whole milliseconds (2.9 ms counts as 2); these are to a hundredth.
    const oneByOne = await sequentialP50(api, `Bearer ${s.secret}`, 5);
    const oneByOneBare = await sequentialP50(bare, `Bearer ${baselineToken}`, 5);
    const walked = await walk(base, s.secret);
    const row = {
      db: label,
      baseline_rps: Math.round(baseline.rps),
      api_rps: Math.round(keyed.rps),
      ratio_rps: +(keyed.rps / baseline.rps).toFixed(2),
      baseline_p50: baseline.p50,
      api_p50: keyed.p50,
      ratio_p50: +(keyed.p50 / baseline.p50).toFixed(2),
      baseline_p975: baseline.p975,
      api_p975: keyed.p975,
      ratio_p975: +(keyed.p975 / baseline.p975).toFixed(2),
      baseline_p50_1conn: singleBare.p50,
      api_p50_1conn: single.p50,
      baseline_p50_1conn_exact: oneByOneBare,
      api_p50_1conn_exact: oneByOne,
      walk_records: walked.records,
      walk_seconds: +walked.seconds.toFixed(2),
      errors: keyed.errors + baseline.errors + keyed.non2xx + baseline.non2xx,
    };
    console.table([row]);
    if (walked.records !== s.scope) console.log(`!! walked ${walked.records} records, scope is ${s.scope}`);
    return row;
  } finally {
    stop(server);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function main() {
  const rows = [];
  // Postgres
  const name = `gh_bench_api_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  try {
    const h = connectPostgres(url, 4);
    await migrate(h.db, { migrationsFolder });
    const s = await seed(h);
    await h.close();
    rows.push(await measure("postgres", { DATABASE_URL: url }, s));
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  }
  // PGlite: seeded by this process owning the folder, then served by next start.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gh-bench-api-"));
  try {
    const owner = await openPgliteOwner(dir);
    const h = connectPgliteSocket(owner.socketPath, owner.close);
    await migrate(h.db, { migrationsFolder });
    const s = await seed(h);
    await h.close();
    rows.push(await measure("pglite", { GUILDHALL_DATA_DIR: dir }, s));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await admin.end();
  console.log(JSON.stringify(rows, null, 2));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
