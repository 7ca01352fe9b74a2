// Token endpoint latency under 32 concurrent clients, against `next start` on loopback (needs a build:
// `npx next build`; NEXT_DIST_DIR is honoured). Codes are single-use, so a fresh one is minted per request
// directly in the database first; the timed part is only the HTTP token exchange (client_secret_post).
// In the same run and through the same 32 clients, a floor: the bare bench route (bearer check + one small
// indexed query, no body, no signature; app/api/bench/baseline), i.e. what Next.js and HTTP alone cost here.
//   npm run bench:oidc [-- --requests 3000 --concurrency 32]    (embedded PGlite in a temp folder)
//   npm run bench:oidc -- --postgres                             (a fresh database on 127.0.0.1:5432, dropped after;
//                                                                 admin URL from BENCH_POSTGRES_URL)
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { nextStartEnv } from "./next-start";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "3000" },
    concurrency: { type: "string", default: "32" },
    port: { type: "string", default: "3297" },
    postgres: { type: "boolean", default: false },
  },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
const port = Number(values.port);
const issuer = `http://localhost:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gh-bench-oidc-"));
// lib/env reads process.env once at import: set it before importing app modules.
process.env.GUILDHALL_DATA_DIR = dataDir;
process.env.GUILDHALL_SITE_URL = issuer;
const adminUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const benchDb = `gh_bench_oidc_${process.pid}`;
const baselineToken = crypto.randomBytes(24).toString("base64url");
if (values.postgres) {
  const u = new URL(adminUrl);
  u.pathname = `/${benchDb}`;
  process.env.DATABASE_URL = u.toString();
}

async function adminSql(statement: string) {
  const { default: postgres } = await import("postgres");
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await sql.unsafe(statement);
  await sql.end();
}

let server: ReturnType<typeof spawn> | undefined;
const startServer = () =>
  spawn("./node_modules/.bin/next", ["start", "-p", String(port)], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: nextStartEnv({
      ...process.env,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
      GUILDHALL_BENCH_BASELINE_TOKEN: baselineToken,
    }),
  });
const stopServer = () => {
  try {
    if (server) process.kill(-server.pid!, "SIGTERM");
  } catch {
    // already gone
  }
};
process.on("exit", stopServer);

async function waitForServer() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${issuer}/.well-known/openid-configuration`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("next start did not answer within 2 minutes");
}

/** CPU seconds used so far by the server's process group (Linux /proc; 100 ticks per second). */
function serverCpuSeconds(): number {
  let ticks = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      if (Number(fields[2]) === server?.pid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // process ended while listing
    }
  }
  return ticks / 100;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  if (values.postgres) await adminSql(`create database "${benchDb}"`);
  const { openDatabase } = await import("@/db/client");
  const { createPerson } = await import("@/lib/records/people");
  const { createUser } = await import("@/lib/auth/accounts");
  const { createSsoClient } = await import("@/lib/oidc/clients");
  const { saveAuthCode } = await import("@/db/queries/oidc");
  const { hashToken, randomToken } = await import("@/lib/core/crypto");
  // Seed before the server starts: it then owns the (single-connection) PGlite folder alone.
  const handle = await openDatabase({ pglite: "own", migrate: true });
  const db = handle.db;
  const email = `bench-${Date.now()}@example.org`;
  const person = await createPerson(db, { firstName: "Bench", lastName: "Member", email } as never, "cli");
  const user = await createUser(
    db,
    { email, password: "bench-password-1", role: "member", personId: person.id },
    "cli",
  );
  const redirectUri = "https://rp.example.com/cb";
  const { client, clientSecret } = await createSsoClient(db, {
    name: "Bench RP",
    redirectUris: [redirectUri],
  });
  const warmup = 100;
  const codes: string[] = [];
  for (let i = 0; i < total + warmup; i++) {
    const code = randomToken(32);
    codes.push(code);
    await saveAuthCode(
      db,
      {
        codeHash: hashToken(code),
        clientId: client.id,
        redirectUri,
        personId: person.id,
        userId: user.id,
        scope: "openid profile email",
        nonce: "n",
        codeChallenge: null,
        authTime: Math.floor(Date.now() / 1000),
      },
      3600,
    );
  }
  await handle.close();
  server = startServer();
  await waitForServer();

  const exchange = async (code: string) => {
    const started = performance.now();
    const res = await fetch(`${issuer}/api/oidc/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri,
        client_id: client.clientId,
        client_secret: clientSecret,
      }),
    });
    const body = (await res.json()) as { id_token?: string };
    if (!res.ok || !body.id_token)
      throw new Error(`token request failed: ${res.status} ${JSON.stringify(body)}`);
    return performance.now() - started;
  };
  for (const code of codes.splice(0, warmup)) await exchange(code); // JIT, key import, connection pool

  /** `count` requests through `concurrency` clients; latency percentiles, throughput, server CPU. */
  const run = async (count: number, request: () => Promise<number>) => {
    const latencies: number[] = [];
    let left = count;
    const cpuBefore = serverCpuSeconds();
    const startedAll = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (left-- > 0) latencies.push(await request());
      }),
    );
    const seconds = (performance.now() - startedAll) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      p50_ms: +pct(latencies, 50).toFixed(1),
      p95_ms: +pct(latencies, 95).toFixed(1),
      p99_ms: +pct(latencies, 99).toFixed(1),
      max_ms: +latencies[latencies.length - 1].toFixed(1),
      throughput_rps: +(latencies.length / seconds).toFixed(0),
      // Load-independent: the app server's CPU per request (the machine may be shared during the run).
      server_cpu_ms_per_request: +(((serverCpuSeconds() - cpuBefore) * 1000) / latencies.length).toFixed(2),
    };
  };
  const floorRequest = async () => {
    const started = performance.now();
    const res = await fetch(`${issuer}/api/bench/baseline?limit=1`, {
      headers: { authorization: `Bearer ${baselineToken}` },
    });
    if (!res.ok) throw new Error(`bench baseline failed: ${res.status}`);
    await res.json();
    return performance.now() - started;
  };
  for (let i = 0; i < warmup; i++) await floorRequest();

  const token = await run(codes.length, () => exchange(codes.pop()!));
  const floor = await run(total, floorRequest);
  const result = {
    database: process.env.DATABASE_URL ? "postgres" : "pglite",
    requests: total,
    concurrency,
    token_endpoint: token,
    bare_route_floor: floor,
    load_average_1m: +os.loadavg()[0].toFixed(1),
    cpus: os.cpus().length,
    target: "token endpoint p95 < 50 ms",
  };
  console.log(JSON.stringify(result, null, 2));
}

async function cleanUp() {
  stopServer();
  await new Promise((r) => setTimeout(r, 1000));
  if (values.postgres) await adminSql(`drop database if exists "${benchDb}" with (force)`);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main()
  .then(async () => {
    await cleanUp();
    process.exit(0);
  })
  .catch(async (e) => {
    console.error(e);
    await cleanUp();
    process.exit(1);
  });
