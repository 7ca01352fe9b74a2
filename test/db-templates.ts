// Migrated templates built once per test run (vitest globalSetup): a Postgres template database and a
// PGlite data-dir dump. Each test file then copies one in milliseconds instead of migrating again.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const adminUrl = () => process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function urlFor(db: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${db}`;
  return u.toString();
}

/** Changes whenever a migration file changes, so a stale template is never reused. */
export function migrationsHash(): string {
  const dir = path.join(process.cwd(), "db", "migrations");
  const h = crypto.createHash("sha256");
  for (const f of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort())
    h.update(f).update(fs.readFileSync(path.join(dir, f)));
  return h.digest("hex").slice(0, 12);
}

export const templateDbName = () => `gh_template_${migrationsHash()}`;
export const pgliteTemplatePath = () =>
  path.join(process.cwd(), ".test-results", `pglite-template-${migrationsHash()}.tar.gz`);
