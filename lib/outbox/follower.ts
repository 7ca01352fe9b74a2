// Named followers of the change outbox. Each keeps its cursor in outbox_followers and processes the
// changes after it, applying its effects and advancing the cursor in ONE transaction: a crash re-runs
// the whole batch (nothing half-applied, nothing skipped). The follower row is locked FOR UPDATE, so
// several processes may run the same follower safely. Wake-ups: in-process right after writes
// (wake.ts), LISTEN/NOTIFY on Postgres for other processes, and a slow safety poll. No busy polling.
import { sql } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { listChangesAfter, OUTBOX_LOCK } from "@/db/queries/changes";
import { followerAdvanced, onFollowerAdvanced, onOutboxWritten } from "./wake";

export type ChangeRow = Awaited<ReturnType<typeof listChangesAfter>>[number];

export type FollowerSpec = {
  /** Stable name: the cursor is stored under it. */
  name: string;
  batchSize?: number;
  /**
   * Applies one batch inside the transaction that also advances the cursor. Throw to retry later. May
   * return work to run after the commit (never inside it: on PGlite the transaction holds the only
   * session, so anything that needs the database from outside the transaction would wait forever).
   */
  apply: (tx: Tx, batch: ChangeRow[]) => Promise<void | (() => Promise<void>)>;
};

type Handle = Pick<DbHandle, "db" | "sql" | "kind">;

/** Processes everything after the follower's cursor, batch by batch. Returns how many changes it handled. */
export async function runFollowerOnce(
  handle: Pick<DbHandle, "db" | "kind">,
  spec: FollowerSpec,
): Promise<number> {
  const size = spec.batchSize ?? 500;
  if (handle.kind === "postgres") {
    // Wait for writers still inside their transaction (they hold the outbox lock until commit), so a
    // wake-up sent just before their commit still finds their rows.
    await handle.db.transaction((tx) => tx.execute(sql`select pg_advisory_xact_lock_shared(${OUTBOX_LOCK})`));
  }
  let total = 0;
  for (;;) {
    let afterCommit: (() => Promise<void>) | null = null;
    const n = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into outbox_followers (name) values (${spec.name}) on conflict do nothing`);
      const [row] = (await tx.execute(
        sql`select cursor from outbox_followers where name = ${spec.name} for update`,
      )) as unknown as { cursor: string | number }[];
      const batch = await listChangesAfter(tx, Number(row.cursor), size);
      if (batch.length === 0) return 0;
      afterCommit = (await spec.apply(tx, batch)) || null;
      await tx.execute(
        sql`update outbox_followers set cursor = ${batch[batch.length - 1].cursor}, updated_at = now() where name = ${spec.name}`,
      );
      return batch.length;
    });
    if (afterCommit) await (afterCommit as () => Promise<void>)();
    total += n;
    if (n < size) return total;
  }
}

export type RunningFollower = {
  /** Ask for a run (coalesced with one already under way). */
  wake: () => void;
  /** Resolves when no run is under way or pending. */
  idle: () => Promise<void>;
  stop: () => Promise<void>;
};

export const OUTBOX_CHANNEL = "guildhall_changes";

/**
 * Keeps calling `runOnce` whenever the outbox may hold something new: in-process writes, NOTIFY from other
 * processes (Postgres), the followers named in `after` advancing, and a slow safety poll.
 */
export async function startWatcher(
  handle: Handle,
  spec: { name: string; runOnce: () => Promise<number>; after?: string[] },
  opts: { pollMs?: number; onError?: (e: unknown) => void } = {},
): Promise<RunningFollower> {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const onError = opts.onError ?? ((e) => console.error(`[outbox follower ${spec.name}]`, e));
  const loop = async () => {
    do {
      again = false;
      try {
        if ((await spec.runOnce()) > 0) followerAdvanced(spec.name);
      } catch (e) {
        // The batch rolled back; the safety poll (or the next write) retries it.
        if (!stopped) onError(e);
      }
    } while (again && !stopped);
    running = null;
  };
  const wake = () => {
    if (stopped) return;
    if (running) again = true;
    else running = loop();
  };
  const unsubscribe = onOutboxWritten(wake);
  const unsubscribeAfter = spec.after?.length ? onFollowerAdvanced(spec.after, wake) : () => {};
  const listener = handle.kind === "postgres" ? await handle.sql.listen(OUTBOX_CHANNEL, () => wake()) : null;
  const timer = setInterval(wake, opts.pollMs ?? 30_000);
  timer.unref();
  wake();
  return {
    wake,
    idle: async () => {
      while (running) await running;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      unsubscribeAfter();
      await listener?.unlisten();
      while (running) await running;
    },
  };
}

export const startFollower = (
  handle: Handle,
  spec: FollowerSpec,
  opts: { pollMs?: number; onError?: (e: unknown) => void } = {},
) => startWatcher(handle, { name: spec.name, runOnce: () => runFollowerOnce(handle, spec) }, opts);
