// The database handle: postgres.js against Postgres when DATABASE_URL is set, otherwise the embedded
// PGlite folder served on a local socket (see pglite-owner.ts). Either way the app speaks one driver.
import path from "node:path";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { env, isBuildPhase } from "@/lib/core/env";
import { openPgliteOwner, readLiveOwner } from "./pglite-owner";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Query functions take this first, so a caller can pass a transaction or a test database. */
export type DbOrTx = Db | Tx;

export type DbHandle = {
  db: Db;
  sql: postgres.Sql;
  kind: "postgres" | "pglite";
  /** How this process reached the database: it owns the PGlite folder, or attached to its owner's socket. */
  access: "postgres" | "owner" | "attached";
  close: () => Promise<void>;
};

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

function connect(
  url: string | undefined,
  options: postgres.Options<Record<string, never>>,
): { db: Db; sql: postgres.Sql } {
  const sql = url
    ? postgres(url, { onnotice: () => {}, ...options })
    : postgres({ onnotice: () => {}, ...options });
  return { sql, db: drizzle(sql, { schema }) };
}

/** A handle on an explicit Postgres URL (tests, benchmarks). */
export function connectPostgres(url: string, max = 10): DbHandle {
  const { db, sql } = connect(url, { max });
  return { db, sql, kind: "postgres", access: "postgres", close: () => sql.end() };
}

/** A handle on a PGlite socket served by another part of this process or another process. */
export function connectPgliteSocket(socketPath: string, close?: () => Promise<void>): DbHandle {
  const { db, sql } = connect(undefined, {
    path: socketPath,
    max: 1,
    username: "postgres",
    database: "postgres",
  });
  return {
    db,
    sql,
    kind: "pglite",
    access: "attached",
    close: async () => {
      await sql.end();
      await close?.();
    },
  };
}

export type OpenOptions = {
  /** "attach" lets a second process (the CLI) use the running site's PGlite through its socket. */
  pglite?: "own" | "own-or-attach";
  migrate?: boolean;
};

export async function openDatabase(opts: OpenOptions = {}): Promise<DbHandle> {
  let handle: DbHandle;
  if (env.DATABASE_URL) {
    handle = connectPostgres(env.DATABASE_URL);
  } else {
    const dataDir = path.resolve(env.GUILDHALL_DATA_DIR);
    const owner = opts.pglite === "own-or-attach" ? readLiveOwner(dataDir) : null;
    if (owner) {
      handle = connectPgliteSocket(owner.socketPath);
    } else {
      const pg = await openPgliteOwner(dataDir);
      // One connection: PGlite is single-connection, so a pool would only queue inside the socket server.
      handle = { ...connectPgliteSocket(pg.socketPath, pg.close), access: "owner" };
    }
  }
  if (opts.migrate !== false) await migrate(handle.db, { migrationsFolder });
  return handle;
}

const g = globalThis as unknown as { __guildhallDb?: Promise<DbHandle> };

/**
 * The process-wide handle, opened lazily (never at import time, never during `next build`) and kept on
 * globalThis so Next's separate route bundles and dev reloads share one PGlite instead of corrupting it.
 */
export function getHandle(): Promise<DbHandle> {
  if (!g.__guildhallDb) {
    if (isBuildPhase())
      throw new Error("The database must not be opened during `next build` (mark the page dynamic).");
    g.__guildhallDb = openDatabase({ pglite: "own" });
    g.__guildhallDb.catch(() => {
      g.__guildhallDb = undefined;
    });
  }
  return g.__guildhallDb;
}

export async function getDb(): Promise<Db> {
  return (await getHandle()).db;
}

export async function closeDb(): Promise<void> {
  const h = g.__guildhallDb;
  g.__guildhallDb = undefined;
  if (h) await (await h).close();
}
