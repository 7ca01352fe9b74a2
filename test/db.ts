// Test databases: a fresh, migrated database per test file, on real Postgres or on PGlite,
// chosen by TEST_DB (set by the vitest project). Both go through the same postgres.js driver as the app.
import fs from "node:fs";
import postgres from "postgres";
import { connectPgliteSocket, connectPostgres, type DbHandle } from "@/db/client";
import { openEphemeralPglite } from "@/db/pglite-owner";
import { templateDbName, pgliteTemplatePath, adminUrl, urlFor } from "./db-templates";

export type TestDbKind = "postgres" | "pglite";
export const testDbKind = (): TestDbKind => (process.env.TEST_DB === "pglite" ? "pglite" : "postgres");

export type TestDb = DbHandle & { url?: string; socketPath?: string };

/** A new empty (migrated) database. Call `close()` in afterAll. */
export async function createTestDb(): Promise<TestDb> {
  if (testDbKind() === "pglite") {
    const dump = new Blob([fs.readFileSync(pgliteTemplatePath())]);
    const owner = await openEphemeralPglite(dump);
    return { ...connectPgliteSocket(owner.socketPath, owner.close), socketPath: owner.socketPath };
  }
  const name = `gh_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${templateDbName()}"`);
  await admin.end();
  const url = urlFor(name);
  const handle = connectPostgres(url, 5);
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      const a = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}
