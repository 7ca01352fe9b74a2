// The one follower engine of the change log. A follower keeps its place in outbox_followers and applies
// what comes after it, batch by batch: the batch's effects and the new position commit in ONE transaction
// that holds the follower's row (db/queries/followers.ts), so a crash re-runs the whole batch (nothing
// half-applied, nothing skipped) and several processes may run the same follower safely.
//
// Two logs are followed: the change outbox (every record write) and the group membership log (entries and
// exits, written by the group follower). A consumer that keeps positions of its own (the webhook fan-out
// keeps one per API key) uses the same row lock through `lockFollower`.
//
// Wake-ups: in-process right after writes (lib/core/signals.ts), LISTEN/NOTIFY on Postgres for writes
// made by other processes, the followers named in `after` advancing, and a slow safety poll. No busy polling.
import type { DbHandle, Tx } from "@/db/client";
import { listChangesAfter, OUTBOX_LOCK, type ChangeRow } from "@/db/queries/changes";
import { advanceFollower, lockFollower, waitForLogWriters } from "@/db/queries/followers";
import {
  listMembershipChangesAfter,
  MEMBERSHIP_LOG_LOCK,
  type MembershipChangeRow,
} from "@/db/queries/membership-log";
import { clearFailure, markSetAside, recordFailedTry, setAsideOf } from "@/db/queries/follower-failures";
import { env } from "@/lib/core/env";
import { safeErrorSummary } from "@/lib/core/errors";
import { followerAdvanced, onFollowerAdvanced, onOutboxWritten } from "@/lib/core/signals";

/** Work to run after the batch's transaction commits (never inside it: see FollowerSpec.apply). */
export type AfterCommit = void | (() => Promise<void>);

type Spec<L extends "outbox" | "membership", R> = {
  /** Stable name: the position is stored under it. */
  name: string;
  log: L;
  batchSize?: number;
  /**
   * Applies one batch inside the transaction that also advances the position. Throw to retry later. May
   * return work to run after the commit (never inside it: on PGlite the transaction holds the only
   * session, so anything that needs the database from outside the transaction would wait forever).
   */
  apply: (tx: Tx, batch: R[]) => Promise<AfterCommit>;
};
export type OutboxFollower = Spec<"outbox", ChangeRow>;
export type MembershipFollower = Spec<"membership", MembershipChangeRow>;
export type FollowerSpec = OutboxFollower | MembershipFollower;

type Handle = Pick<DbHandle, "db" | "sql" | "kind">;

const logs = {
  outbox: { lock: OUTBOX_LOCK, read: listChangesAfter },
  membership: { lock: MEMBERSHIP_LOG_LOCK, read: listMembershipChangesAfter },
} as const;

/** An entry of the log failed for a follower and will be tried again in order (tries remain). */
export class FollowerEntryFailed extends Error {
  constructor(
    readonly follower: string,
    readonly cursor: number,
    summary: string,
  ) {
    super(`follower ${follower}: entry ${cursor} failed (${summary}); it will be tried again`);
    this.name = "FollowerEntryFailed";
  }
}

const applyBatch = (spec: FollowerSpec, tx: Tx, batch: unknown[]) =>
  (spec.apply as (tx: Tx, b: unknown[]) => Promise<AfterCommit>)(tx, batch);

/**
 * Processes everything after the follower's position, batch by batch. Returns how many entries it handled.
 * When a batch fails, its entries are applied one at a time so that only the failing entry waits: it is
 * tried again (the consumer retries soon) up to GUILDHALL_FOLLOWER_MAX_TRIES, then set aside (position
 * moves past it, staff see it, `retrySetAside` tries it later) and the rest of the log flows on.
 */
export async function runFollowerOnce(
  handle: Pick<DbHandle, "db" | "kind">,
  spec: FollowerSpec,
): Promise<number> {
  const size = spec.batchSize ?? 500;
  const log = logs[spec.log];
  if (handle.kind === "postgres") await waitForLogWriters(handle.db, log.lock);
  let total = 0;
  for (;;) {
    let afterCommit: AfterCommit = undefined;
    let n: number;
    try {
      n = await handle.db.transaction(async (tx) => {
        const { cursor } = await lockFollower(tx, spec.name);
        const batch = await log.read(tx, cursor, size);
        if (batch.length === 0) return 0;
        afterCommit = await applyBatch(spec, tx, batch);
        await advanceFollower(tx, spec.name, { cursor: batch[batch.length - 1].cursor });
        return batch.length;
      });
    } catch {
      n = await applyOneByOne(handle, spec, size);
    }
    if (typeof afterCommit === "function") await (afterCommit as () => Promise<void>)();
    total += n;
    if (n < size) return total;
  }
}

/** Applies up to `limit` entries one per transaction; the failing one is counted, then set aside. */
async function applyOneByOne(
  handle: Pick<DbHandle, "db">,
  spec: FollowerSpec,
  limit: number,
): Promise<number> {
  const log = logs[spec.log];
  let handled = 0;
  while (handled < limit) {
    let afterCommit: AfterCommit = undefined;
    let failed: FollowerEntryFailed | null = null;
    const moved = await handle.db.transaction(async (tx) => {
      const { cursor } = await lockFollower(tx, spec.name);
      const [entry] = await log.read(tx, cursor, 1);
      if (!entry) return false;
      try {
        // A savepoint: a failed effect is undone while the transaction stays usable to record it.
        afterCommit = await tx.transaction((sp) => applyBatch(spec, sp, [entry]));
        await clearFailure(tx, spec.name, entry.cursor);
      } catch (e) {
        const summary = safeErrorSummary(e);
        const tries = await recordFailedTry(tx, spec.name, entry.cursor, summary);
        if (tries < env.GUILDHALL_FOLLOWER_MAX_TRIES) {
          failed = new FollowerEntryFailed(spec.name, entry.cursor, summary);
          return false; // the position waits; the failure count commits
        }
        await markSetAside(tx, spec.name, entry.cursor);
      }
      await advanceFollower(tx, spec.name, { cursor: entry.cursor });
      return true;
    });
    if (typeof afterCommit === "function") await (afterCommit as () => Promise<void>)();
    if (failed) throw failed;
    if (!moved) break;
    handled++;
  }
  return handled;
}

/**
 * Tries one set-aside entry again, out of order (every follower's effect is decided from the current state
 * of the records, so applying an older entry late is safe). Returns whether it succeeded (and is forgotten).
 */
export async function retrySetAside(
  handle: Pick<DbHandle, "db">,
  spec: FollowerSpec,
  cursor: number,
): Promise<boolean> {
  const log = logs[spec.log];
  let afterCommit: AfterCommit = undefined;
  const ok = await handle.db.transaction(async (tx) => {
    await lockFollower(tx, spec.name);
    const [entry] = await log.read(tx, cursor - 1, 1);
    if (entry?.cursor === cursor) {
      try {
        afterCommit = await tx.transaction((sp) => applyBatch(spec, sp, [entry]));
      } catch (e) {
        await recordFailedTry(tx, spec.name, cursor, safeErrorSummary(e));
        return false;
      }
    }
    await clearFailure(tx, spec.name, cursor);
    return true;
  });
  if (ok && typeof afterCommit === "function") await (afterCommit as () => Promise<void>)();
  return ok;
}

/** Tries every set-aside entry of the follower again; returns how many now succeeded. */
export async function retryAllSetAside(handle: Pick<DbHandle, "db">, spec: FollowerSpec) {
  let ok = 0;
  for (const { cursor } of await setAsideOf(handle.db, spec.name))
    if (await retrySetAside(handle, spec, cursor)) ok++;
  return ok;
}

export type RunningConsumer = {
  /** Ask for a run (coalesced with one already under way). */
  wake: () => void;
  /** Resolves when no run is under way or pending. */
  idle: () => Promise<void>;
  stop: () => Promise<void>;
};

export const OUTBOX_CHANNEL = "guildhall_changes";

export type ConsumerOptions = {
  pollMs?: number;
  after?: string[];
  onError?: (e: unknown) => void;
  /** First delay before a failed run is tried again (doubling up to the poll interval). */
  retryMs?: number;
  /** Extra work on a slow timer (a follower's set-aside entries are retried this way). */
  periodic?: { everyMs: number; run: () => Promise<unknown> };
};

/**
 * Keeps calling `runOnce` whenever the log may hold something new: in-process writes, NOTIFY from other
 * processes (Postgres), the followers named in `after` advancing, and a slow safety poll.
 */
export async function startConsumer(
  handle: Handle,
  name: string,
  runOnce: () => Promise<number>,
  opts: ConsumerOptions = {},
): Promise<RunningConsumer> {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  // Never the error object itself: a database error's message quotes the offending value.
  const onError = opts.onError ?? ((e) => console.error(`[change consumer ${name}] ${safeErrorSummary(e)}`));
  const pollMs = opts.pollMs ?? 30_000;
  let failures = 0;
  const loop = async () => {
    do {
      again = false;
      try {
        if ((await runOnce()) > 0) followerAdvanced(name);
        failures = 0;
      } catch (e) {
        // The batch rolled back (or one entry is being retried): try again soon, backing off.
        if (!stopped) {
          onError(e);
          failures++;
          const delay = Math.min(pollMs, (opts.retryMs ?? 200) * 2 ** (failures - 1));
          setTimeout(wake, delay).unref();
        }
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
  const unsubscribeAfter = opts.after?.length ? onFollowerAdvanced(opts.after, wake) : () => {};
  const listener = handle.kind === "postgres" ? await handle.sql.listen(OUTBOX_CHANNEL, () => wake()) : null;
  const timer = setInterval(wake, pollMs);
  timer.unref();
  const periodic = opts.periodic
    ? setInterval(() => {
        if (!stopped) opts.periodic!.run().catch(onError);
      }, opts.periodic.everyMs)
    : null;
  periodic?.unref();
  wake();
  return {
    wake,
    idle: async () => {
      while (running) await running;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (periodic) clearInterval(periodic);
      unsubscribe();
      unsubscribeAfter();
      await listener?.unlisten();
      while (running) await running;
    },
  };
}

/** Runs a follower whenever its log may have grown (see startConsumer). */
export const startFollower = (handle: Handle, spec: FollowerSpec, opts: ConsumerOptions = {}) =>
  startConsumer(handle, spec.name, () => runFollowerOnce(handle, spec), {
    periodic: {
      everyMs: env.GUILDHALL_SET_ASIDE_RETRY_SECONDS * 1000,
      run: () => retryAllSetAside(handle, spec),
    },
    ...opts,
  });
