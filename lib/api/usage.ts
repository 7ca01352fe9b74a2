// The request log and "last used" of each key, written in batches off the request path: a request only
// pushes to an array; a timer writes everything collected in one insert (and one update per key).
import { eq } from "drizzle-orm";
import { bulkInsert } from "@/db/bulk-insert";
import { getHandle } from "@/db/client";
import { apiKeys, apiRequestLog } from "@/db/schema";

const FLUSH_MS = 1_000;
const MAX_BUFFER = 5_000;

type Row = typeof apiRequestLog.$inferInsert;
type State = { rows: Row[]; timer?: NodeJS.Timeout; flushing?: Promise<void> };
const g = globalThis as unknown as { __guildhallApiUsage?: State };
const state: State = (g.__guildhallApiUsage ??= { rows: [] });

export function recordApiRequest(row: Row): void {
  if (state.rows.length >= MAX_BUFFER) return; // under a flood, drop log rows rather than memory
  state.rows.push(row);
  if (!state.timer) {
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void flushApiUsage();
    }, FLUSH_MS);
    state.timer.unref?.();
  }
}

/** Writes what has been collected. Also called by tests to make the log visible at once. */
export async function flushApiUsage(): Promise<void> {
  await state.flushing;
  const rows = state.rows.splice(0);
  if (rows.length === 0) return;
  state.flushing = (async () => {
    try {
      const { db } = await getHandle();
      const last = new Map<string, Row>();
      for (const r of rows) last.set(r.apiKeyId, r);
      await db.transaction(async (tx) => {
        // One text parameter, not seven per row: drizzle's multi-row insert of a second's worth of
        // requests (~600) took 20–50 ms of the server's CPU, stalling every request queued behind it.
        await bulkInsert(tx, apiRequestLog, rows);
        for (const r of last.values())
          await tx
            .update(apiKeys)
            .set({ lastUsedAt: r.at, lastUsedIp: r.ip ?? null })
            .where(eq(apiKeys.id, r.apiKeyId));
      });
    } catch (e) {
      console.error("api usage log write failed:", (e as Error).message);
    }
  })();
  await state.flushing;
}
