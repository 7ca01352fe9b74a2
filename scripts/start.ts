// `npm start`: builds if needed, migrates, seeds demo data and a demo admin on an empty database, then
// runs `next start`. The PGlite folder is closed (lock released) before `next start` opens it.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { DataDirInUseError } from "@/db/pglite-owner";
import { createUser } from "@/lib/auth/accounts";
import { seedDemo } from "@/lib/demo/seed";
import { linkDemoGroup, resumeDemoStandIn, startDemoStandIn } from "./demo/mobilize";
import type { MobilizeStandIn } from "@/scripts/stand-ins/mobilize/server";
import { env } from "@/lib/core/env";
import { nextStartEnv } from "./next-start";

const root = process.cwd();
const distDir = process.env.NEXT_DIST_DIR || ".next";
const next = path.join(root, "node_modules", ".bin", "next");
// Everything that goes into the build; tests and data folders do not.
const sources = [
  "app",
  "components",
  "lib",
  "db",
  "inngest",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

function newestMtime(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

/** Builds when there is no build, or when a source or the lockfile is newer than the last build. */
function ensureBuild() {
  const buildId = path.join(root, distDir, "BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
  if (builtAt > changedAt) return;
  console.log(
    builtAt
      ? "Sources changed since the last build; rebuilding…"
      : "First start: building the site (about a minute)…",
  );
  const r = spawnSync(next, ["build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) {
    console.error("The build failed (see above).");
    process.exit(r.status ?? 1);
  }
}

/** Returns the demo Mobilize stand-in when the demo uses it (it must live as long as the site). */
async function prepareDatabase(): Promise<MobilizeStandIn | null> {
  const handle = await openDatabase({ pglite: "own" }); // migrates
  try {
    const [row] = (await handle.db.execute(sql`select count(*)::int as n from users`)) as unknown as {
      n: number;
    }[];
    if (row.n > 0) return await resumeDemoStandIn(handle.db);
    let standIn: MobilizeStandIn | null = null;
    if (env.GUILDHALL_SEED_DEMO) {
      console.log("Empty database: adding demo data…");
      const memberPassword = crypto.randomBytes(9).toString("base64url");
      const counts = await seedDemo(handle.db, {
        people: 1000,
        seed: 1,
        today: new Date().toISOString().slice(0, 10),
        memberPassword,
      });
      console.log(`  ${counts.people} people, ${counts.companies} companies, ${counts.events} events.`);
      const member = counts.sample.member;
      if (member) console.log(`  Demo member sign-in: ${member.email} / ${memberPassword}`);
      standIn = await startDemoStandIn();
      if (standIn) {
        await linkDemoGroup(handle.db, standIn);
        console.log(`  Demo Mobilize stand-in at ${standIn.url}, linked to the group "Current members".`);
      }
    }
    const email = "admin@example.org";
    const password = crypto.randomBytes(12).toString("base64url");
    await createUser(handle.db, { email, password, role: "admin" }, "cli");
    console.log(
      [
        "",
        `  Admin sign-in (shown once): ${email} / ${password}`,
        `  Lost it? npm run cli -- create-admin --email ${email} --password <new password>`,
        "",
      ].join("\n"),
    );
    return standIn;
  } finally {
    await handle.close(); // releases the PGlite folder for `next start`
  }
}

/**
 * The demo's stand-in listens on loopback, which the outbound address guard refuses by default: this run
 * (and only this run) allows its one host:port, so Test connection and syncs reach it.
 */
function withDemoStandInAllowed(base: NodeJS.ProcessEnv, standIn: MobilizeStandIn | null) {
  if (!standIn) return base;
  const hostPort = new URL(standIn.url).host;
  const allow = [base.GUILDHALL_OUTBOUND_ALLOW, hostPort].filter(Boolean).join(",");
  return { ...base, GUILDHALL_OUTBOUND_ALLOW: allow };
}

async function main() {
  ensureBuild();
  const url = `http://localhost:${env.PORT}`;
  let standIn: MobilizeStandIn | null = null;
  try {
    standIn = await prepareDatabase();
  } catch (e) {
    console.error(e instanceof DataDirInUseError ? e.message : e);
    process.exit(1);
  }
  console.log(`Guildhall: ${url}`);
  const child = spawn(next, ["start", "-p", String(env.PORT)], {
    stdio: "inherit",
    env: nextStartEnv(withDemoStandInAllowed(process.env, standIn)),
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => {
    void standIn?.close();
    process.exit(code ?? (signal ? 128 + (signal === "SIGINT" ? 2 : 15) : 1));
  });
}

void main();
