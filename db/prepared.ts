// Hot queries as named (prepared) statements. drizzle's `db.execute` always sends an unnamed statement, so
// Postgres (and PGlite, single-threaded beside the app) parses and plans it on every call; for the API's
// page query and the token endpoint that was most of their database CPU. postgres.js keeps one prepared
// statement per distinct query text per connection, so callers must keep values in parameters (never
// `sql.raw` a value), which also bounds the number of statements to the number of query shapes.
import { is, SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";

const dialect = new PgDialect();

type Query = { sql: string; params: unknown[] };

/**
 * Runs a query as a prepared statement. `values` fill the query's `sql.placeholder(name)`s, which is how a
 * query built once per shape (`queryOfShape`) is reused with new values.
 */
export async function executePrepared<T = Record<string, unknown>>(
  db: DbOrTx,
  query: SQL | Query,
  values?: Record<string, unknown>,
): Promise<T[]> {
  const q = is(query, SQL) ? dialect.sqlToQuery(query) : query;
  // Any name makes drizzle ask postgres.js for a prepared statement; postgres.js names it itself.
  return (await db._.session.prepareQuery(q, undefined, "prepared", false).execute(values)) as T[];
}

// Building a query's text from drizzle's SQL tree costs ~0.1 ms per call on the API's page query, as much
// as a third of the database's own time for it; a shape's text never changes, so it is built once.
const shapes = new Map<string, Query>();
const MAX_SHAPES = 1_000; // shapes come from code paths × keys' field sets: a bound, not an expected size

/** The query text of one shape (values only as placeholders), built on first use. */
export function queryOfShape(shape: string, build: () => SQL): Query {
  let q = shapes.get(shape);
  if (!q) {
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    q = dialect.sqlToQuery(build());
    shapes.set(shape, q);
  }
  return q;
}
