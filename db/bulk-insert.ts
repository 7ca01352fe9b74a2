// Multi-row insert of plain rows in one statement: the rows go in as one text parameter of
// newline-separated JSON objects (JSON.stringify never emits a raw newline), each parsed on its own by
// jsonb_populate_record. Free of the 65,535-parameter limit and identical on Postgres and PGlite; parsing
// row by row is about 4x cheaper for the database than json_populate_recordset over one big array.
// Columns not given take their defaults.
import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";

export async function bulkInsert(tx: DbOrTx, table: PgTable, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(rows[0]);
  const names = keys.map((k) => {
    const col = columns[k];
    if (!col) throw new Error(`${getTableName(table)} has no column for ${k}`);
    return col.name;
  });
  const lines = rows
    .map((r) => JSON.stringify(Object.fromEntries(keys.map((k, i) => [names[i], r[k] ?? null]))))
    .join("\n");
  const list = sql.raw(names.map((n) => `"${n}"`).join(", "));
  const picked = sql.raw(names.map((n) => `r."${n}"`).join(", "));
  const name = sql.raw(`"${getTableName(table)}"`);
  await tx.execute(
    sql`insert into ${name} (${list}) select ${picked}
      from string_to_table(${lines}, E'\\n') as l(line), jsonb_populate_record(null::${name}, l.line::jsonb) as r`,
  );
}
