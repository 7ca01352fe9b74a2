// Builds the migrated templates that test/db.ts copies for each test file.
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { openEphemeralPglite } from "@/db/pglite-owner";
import { adminUrl, pgliteTemplatePath, templateDbName, urlFor } from "./db-templates";

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

async function migrateUrlOrSocket(options: { url?: string; path?: string }) {
  const sql = options.url
    ? postgres(options.url, { max: 1, onnotice: () => {} })
    : postgres({
        path: options.path,
        max: 1,
        username: "postgres",
        database: "postgres",
        onnotice: () => {},
      });
  await migrate(drizzle(sql), { migrationsFolder });
  await sql.end();
}

export async function setupPostgresTemplate() {
  {
    const name = templateDbName();
    const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    const exists = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists.length === 0) {
      // Build under a temporary name and rename, so a crash never leaves a half-migrated template.
      const tmp = `${name}_building_${process.pid}`;
      await admin.unsafe(`drop database if exists "${tmp}"`);
      await admin.unsafe(`create database "${tmp}"`);
      await migrateUrlOrSocket({ url: urlFor(tmp) });
      await admin.unsafe(`alter database "${tmp}" rename to "${name}"`);
      // When it was made: another checkout's run may still be copying an older template, so only
      // templates made more than a day ago are dropped below.
      await admin.unsafe(`comment on database "${name}" is '${Date.now()}'`);
    }
    // Drop databases left behind by interrupted runs: test databases whose creating process is gone
    // (names carry its pid, so a concurrent run's databases are left alone) and outdated templates.
    const leftovers = await admin`select datname, shobj_description(oid, 'pg_database') as made
      from pg_database where datname like 'gh_test_%' or datname like 'gh_template_%'`;
    const dayAgo = Date.now() - 24 * 3600_000;
    for (const { datname, made } of leftovers) {
      const pid = Number(/^gh_test_(\d+)_/.exec(datname)?.[1]);
      const stale = datname.startsWith("gh_template_")
        ? datname !== name && !datname.includes("_building_") && !(Number(made) > dayAgo)
        : !processAlive(pid);
      if (stale) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    }
    await admin.end();
  }
}

export async function setupPgliteTemplate() {
  const file = pgliteTemplatePath();
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const owner = await openEphemeralPglite();
  await migrateUrlOrSocket({ path: owner.socketPath });
  const dump = await owner.pglite.dumpDataDir("gzip");
  fs.writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(`${file}.tmp`, file);
  await owner.close();
}
