// Appending to and reading the change outbox.
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { changes, type ChangeOp, type RecordType } from "../schema";
import { outboxWritten } from "@/lib/core/signals";

/** Any fixed number: all outbox writers serialise on it so cursors become visible in increasing order. */
export const OUTBOX_LOCK = 7_402_211;

export type Actor = `user:${string}` | `api_key:${string}` | "cli" | "system" | "self-signup";

type Snapshot = Record<string, unknown>;

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The fields whose values differ, with their before/after values only. */
export function diffSnapshots(before: Snapshot | null, after: Snapshot | null) {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changed = [...keys]
    .filter((k) => !["updatedAt", "version", "createdAt"].includes(k) && !sameValue(before?.[k], after?.[k]))
    .sort();
  const pick = (s: Snapshot | null) => (s ? Object.fromEntries(changed.map((k) => [k, s[k] ?? null])) : null);
  return { changed, before: pick(before), after: pick(after) };
}

/**
 * Appends one change inside the caller's transaction. Must be called from a transaction: the
 * advisory lock is held until commit, so a reader following `cursor > n` never skips a row that
 * commits later with a smaller cursor. Returns null when nothing actually changed.
 */
export async function recordChange(
  tx: DbOrTx,
  entry: {
    recordType: RecordType;
    recordId: string;
    op: ChangeOp;
    before: Snapshot | null;
    after: Snapshot | null;
    actor: Actor;
    /** The record's version after the change, for versioned records. */
    recordVersion?: number;
  },
): Promise<number | null> {
  const diff = diffSnapshots(entry.before, entry.after);
  if (entry.op === "updated" && diff.changed.length === 0) return null;
  await tx.execute(sql`select pg_advisory_xact_lock(${OUTBOX_LOCK})`);
  const [row] = await tx
    .insert(changes)
    .values({
      recordType: entry.recordType,
      recordId: entry.recordId,
      op: entry.op,
      changedFields: diff.changed,
      before: diff.before,
      after: diff.after,
      actor: entry.actor,
      recordVersion: entry.recordVersion ?? null,
    })
    .returning({ cursor: changes.cursor });
  outboxWritten();
  return row.cursor;
}

/** Changes after a cursor, oldest first. */
export function listChangesAfter(db: DbOrTx, cursor: number, limit = 500): Promise<ChangeRow[]> {
  return db
    .select()
    .from(changes)
    .where(gt(changes.cursor, cursor))
    .orderBy(asc(changes.cursor))
    .limit(limit);
}

/** One record's history, newest first. */
export function listRecordHistory(db: DbOrTx, recordType: RecordType, recordId: string, limit = 100) {
  return db
    .select()
    .from(changes)
    .where(and(eq(changes.recordType, recordType), eq(changes.recordId, recordId)))
    .orderBy(sql`${changes.cursor} desc`)
    .limit(limit);
}

/** An outbox row as a changes feed reads it (the before-snapshot's person and status for deletions). */
export type FeedOutboxRow = {
  cursor: number;
  type: string;
  id: string;
  op: string;
  at: Date;
  cause: null;
  /** The record's version after this change (null for rows written before versions were kept). */
  version: number | null;
  prev_person: string | null;
  prev_event: string | null;
  prev_status: string | null;
};

/** Outbox rows of these record types after `after` (and up to `upTo`), oldest first. */
export async function readOutboxForFeed(
  db: DbOrTx,
  o: { after: number; upTo?: number; types: string[]; limit: number },
): Promise<FeedOutboxRow[]> {
  if (!o.types.length) return [];
  return (await db.execute(sql`select cursor::int8 as cursor, record_type as type, record_id as id, op, created_at as at, null as cause,
      record_version as version, before->>'personId' as prev_person, before->>'eventId' as prev_event,
      before->>'status' as prev_status
    from changes where cursor > ${o.after} ${o.upTo === undefined ? sql`` : sql`and cursor <= ${o.upTo}`}
      and record_type = any(${`{${o.types.join(",")}}`}::text[]) order by cursor limit ${o.limit}`)) as unknown as FeedOutboxRow[];
}

export async function latestCursor(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ c: sql<number>`coalesce(max(${changes.cursor}), 0)::bigint` })
    .from(changes);
  return Number(row.c);
}

export type ChangeEntry = Parameters<typeof recordChange>[1];
export type ChangeRow = typeof changes.$inferSelect;

const bookkeeping = new Set(["updatedAt", "version", "createdAt"]);
/**
 * diffSnapshots(null, after) without a JSON.stringify per field (it dominates bulk loads): every
 * non-null business field is "changed". The outbox test checks both give the same result.
 */
export function createdDiff(after: Snapshot) {
  const changed = Object.keys(after)
    .filter((k) => {
      const v = after[k];
      return (
        !bookkeeping.has(k) &&
        v !== null &&
        v !== undefined &&
        !(typeof v === "number" && !Number.isFinite(v))
      );
    })
    .sort();
  return { changed, before: null, after: Object.fromEntries(changed.map((k) => [k, after[k]])) };
}

/**
 * Appends many changes in one statement inside the caller's transaction (bulk loads such as the demo
 * seeder). Same rules as recordChange: the advisory lock is taken first and held until commit, so
 * cursors still become visible in increasing order. Rows go in as one text parameter of newline-separated
 * JSON objects, each parsed on its own (far cheaper for the database than one big JSON array), which also
 * avoids the 65,535-parameter limit of a multi-row VALUES list.
 */
export async function recordChanges(tx: DbOrTx, entries: ChangeEntry[]): Promise<number> {
  const rows = entries.flatMap((e) => {
    const diff = e.before === null && e.after ? createdDiff(e.after) : diffSnapshots(e.before, e.after);
    if (e.op === "updated" && diff.changed.length === 0) return [];
    return [
      JSON.stringify({
        record_type: e.recordType,
        record_id: e.recordId,
        op: e.op,
        changed_fields: diff.changed,
        before: diff.before,
        after: diff.after,
        actor: e.actor,
        record_version: e.recordVersion ?? null,
      }),
    ];
  });
  if (rows.length === 0) return 0;
  await tx.execute(sql`select pg_advisory_xact_lock(${OUTBOX_LOCK})`);
  // JSON.stringify never emits a raw newline, so one per line is unambiguous; ordinality keeps the order.
  await tx.execute(sql`
    insert into changes (record_type, record_id, op, changed_fields, before, after, actor, record_version)
    select r.record_type, r.record_id, r.op, r.changed_fields, r.before, r.after, r.actor, r.record_version
    from string_to_table(${rows.join("\n")}, E'\\n') with ordinality as l(line, n),
      jsonb_populate_record(null::changes, l.line::jsonb) as r
    order by l.n`);
  outboxWritten();
  return rows.length;
}
