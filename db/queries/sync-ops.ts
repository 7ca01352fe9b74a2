// The planned remote calls of a link's current run (see db/schema/sync.ts).
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { syncOps } from "../schema";

export type SyncOp = typeof syncOps.$inferSelect;
export type NewSyncOp = typeof syncOps.$inferInsert;

export async function insertOps(db: DbOrTx, ops: NewSyncOp[]): Promise<void> {
  for (let i = 0; i < ops.length; i += 1000) await db.insert(syncOps).values(ops.slice(i, i + 1000));
}

export async function opsInState(
  db: DbOrTx,
  linkId: string,
  planId: string,
  state: SyncOp["state"],
): Promise<SyncOp[]> {
  return db
    .select()
    .from(syncOps)
    .where(and(eq(syncOps.linkId, linkId), eq(syncOps.planId, planId), eq(syncOps.state, state)))
    .orderBy(asc(syncOps.id));
}

/** The next pending ops of one kind, oldest first. Removes go first so a full group never blocks adds. */
export async function nextPendingOps(
  db: DbOrTx,
  linkId: string,
  planId: string,
  limit: number,
): Promise<SyncOp[]> {
  return db
    .select()
    .from(syncOps)
    .where(and(eq(syncOps.linkId, linkId), eq(syncOps.planId, planId), eq(syncOps.state, "pending")))
    .orderBy(sql`case ${syncOps.kind} when 'remove' then 0 when 'add' then 1 else 2 end`, asc(syncOps.id))
    .limit(limit);
}

export async function setOpsState(
  db: DbOrTx,
  ids: number[],
  state: SyncOp["state"],
  message?: string,
): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000)
    await db
      .update(syncOps)
      .set({ state, updatedAt: new Date(), ...(message === undefined ? {} : { message }) })
      .where(inArray(syncOps.id, ids.slice(i, i + 1000)));
}

export async function countOps(db: DbOrTx, linkId: string, planId: string) {
  const rows = await db
    .select({ state: syncOps.state, n: sql<number>`count(*)::int` })
    .from(syncOps)
    .where(and(eq(syncOps.linkId, linkId), eq(syncOps.planId, planId)))
    .groupBy(syncOps.state);
  const by = Object.fromEntries(rows.map((r) => [r.state, r.n])) as Partial<Record<SyncOp["state"], number>>;
  const total = rows.reduce((s, r) => s + r.n, 0);
  return {
    total,
    done: (by.done ?? 0) + (by.failed ?? 0),
    open: (by.pending ?? 0) + (by.in_flight ?? 0),
    inFlight: by.in_flight ?? 0,
  };
}
