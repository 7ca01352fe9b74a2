// The single write path for records: every create, update, deactivate and reactivate goes through
// here, so the record and its change-outbox row commit together or not at all. `afterWrite` runs in the
// same transaction once the outbox row is written: lib/ passes what must be decided together with the
// write (the record's group memberships, lib/changes/membership-now.ts), without db/ knowing the rule.
import { eq, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { AppError } from "@/lib/core/errors";
import type { DbOrTx, Tx } from "../client";
import type { ChangeOp, RecordType } from "../schema";
import { recordChange, type Actor } from "./changes";

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };
type Row = Record<string, unknown> & { id: string; version: number };

/** A record just written, as its outbox row says it: `row` is the record after the write (null if gone). */
export type Written = {
  recordType: RecordType;
  id: string;
  cursor: number;
  before: Record<string, unknown> | null;
  row: Record<string, unknown> | null;
};
/** Work that must commit with the write (see the file's comment). */
export type AfterWrite = (tx: Tx, w: Written) => Promise<void>;

const hidden = new Set(["createdAt", "updatedAt", "version", "passwordHash"]);
/** What the outbox keeps of a row: every business field, nothing secret or bookkeeping. */
export function snapshotOf(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([k]) => !hidden.has(k))
      .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );
}

export async function insertRecord<T extends Row>(
  db: DbOrTx,
  table: VersionedTable,
  recordType: RecordType,
  values: Record<string, unknown>,
  actor: Actor,
  afterWrite?: AfterWrite,
): Promise<T> {
  return db.transaction(async (tx) => {
    const [row] = (await tx.insert(table).values(values).returning()) as T[];
    const cursor = await recordChange(tx, {
      recordType,
      recordId: row.id,
      op: "created",
      before: null,
      after: snapshotOf(row),
      actor,
      recordVersion: row.version,
    });
    if (afterWrite && cursor !== null)
      await afterWrite(tx, { recordType, id: row.id, cursor, before: null, row });
    return row;
  });
}

export async function updateRecord<T extends Row>(
  db: DbOrTx,
  table: VersionedTable,
  recordType: RecordType,
  id: string,
  patch: (current: T) => Record<string, unknown> | Promise<Record<string, unknown>>,
  actor: Actor,
  opts: { op?: ChangeOp; expectedVersion?: number; what?: string; afterWrite?: AfterWrite } = {},
): Promise<T> {
  return db.transaction(async (tx) => {
    const [current] = (await tx.select().from(table).where(eq(table.id, id)).for("update")) as T[];
    if (!current) throw new AppError("not_found", `${opts.what ?? recordType} ${id} was not found.`);
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== current.version) {
      throw new AppError(
        "precondition_failed",
        `The ${opts.what ?? recordType} was changed by someone else (version ${current.version}, you had ${opts.expectedVersion}). Reload it and try again.`,
      );
    }
    const values = await patch(current);
    const merged = { ...current, ...values };
    const before = snapshotOf(current);
    const after = snapshotOf(merged);
    if (JSON.stringify(before) === JSON.stringify(after)) return current;
    const [row] = (await tx
      .update(table)
      .set({ ...values, version: sql`${table.version} + 1`, updatedAt: sql`now()` })
      .where(eq(table.id, id))
      .returning()) as T[];
    const cursor = await recordChange(tx, {
      recordType,
      recordId: id,
      op: opts.op ?? "updated",
      before,
      after: snapshotOf(row),
      actor,
      recordVersion: row.version,
    });
    if (opts.afterWrite && cursor !== null)
      await opts.afterWrite(tx, { recordType, id, cursor, before: current, row });
    return row;
  });
}
