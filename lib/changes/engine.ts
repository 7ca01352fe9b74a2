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

/** Processes everything after the follower's position, batch by batch. Returns how many entries it handled. */
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
    const n = await handle.db.transaction(async (tx) => {
      const { cursor } = await lockFollower(tx, spec.name);
      const batch = await log.read(tx, cursor, size);
      if (batch.length === 0) return 0;
      afterCommit = await (spec.apply as (tx: Tx, b: typeof batch) => Promise<AfterCommit>)(tx, batch);
      await advanceFollower(tx, spec.name, { cursor: batch[batch.length - 1].cursor });
      return batch.length;
    });
    if (typeof afterCommit === "function") await (afterCommit as () => Promise<void>)();
    total += n;
    if (n < size) return total;
  }
}

export type RunningConsumer = {
  /** Ask for a run (coalesced with one already under way). */
  wake: () => void;
  /** Resolves when no run is under way or pending. */
  idle: () => Promise<void>;
  stop: () => Promise<void>;
};

export const OUTBOX_CHANNEL = "guildhall_changes";

export type ConsumerOptions = { pollMs?: number; after?: string[]; onError?: (e: unknown) => void };

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
  const onError = opts.onError ?? ((e) => console.error(`[change consumer ${name}]`, e));
  const loop = async () => {
    do {
      again = false;
      try {
        if ((await runOnce()) > 0) followerAdvanced(name);
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
  const unsubscribeAfter = opts.after?.length ? onFollowerAdvanced(opts.after, wake) : () => {};
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

/** Runs a follower whenever its log may have grown (see startConsumer). */
export const startFollower = (handle: Handle, spec: FollowerSpec, opts: ConsumerOptions = {}) =>
  startConsumer(handle, spec.name, () => runFollowerOnce(handle, spec), opts);
