// Hot queries as named (prepared) statements. drizzle's `db.execute` always sends an unnamed statement, so
// Postgres (and PGlite, single-threaded beside the app) parses and plans it on every call; for the API's
// page query and the token endpoint that was most of their database CPU. postgres.js keeps one prepared
// statement per distinct query text per connection, so callers must keep values in parameters (never
// `sql.raw` a value), which also bounds the number of statements to the number of query shapes.
import { is, SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";

const dialect = new PgDialect();

export async function executePrepared<T = Record<string, unknown>>(
  db: DbOrTx,
  query: SQL | { sql: string; params: unknown[] },
): Promise<T[]> {
  const q = is(query, SQL) ? dialect.sqlToQuery(query) : query;
  // Any name makes drizzle ask postgres.js for a prepared statement; postgres.js names it itself.
  return (await db._.session.prepareQuery(q, undefined, "prepared", false).execute()) as T[];
}
