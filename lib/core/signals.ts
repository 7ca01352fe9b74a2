// Wake-up signals for followers of the change outbox (in-process). recordChange calls outboxWritten() after it
// appends; listeners run on the next turn of the event loop. On PGlite (one connection) the follower's
// query queues behind the writer's transaction, so it reads after the commit; on Postgres the follower
// also waits for in-flight writers (see follower.ts) and LISTENs for commits from other processes.
type Listener = () => void;
const g = globalThis as unknown as { __guildhallOutboxListeners?: Set<Listener> };
const listeners = (g.__guildhallOutboxListeners ??= new Set<Listener>());
let scheduled = false;

export function onOutboxWritten(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Coalesces many writes in one tick into one wake-up per listener. */
export function outboxWritten(): void {
  if (scheduled || listeners.size === 0) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    for (const fn of listeners) fn();
  });
}

type AdvanceListener = { names: string[]; fn: Listener };
const g2 = globalThis as unknown as { __guildhallFollowerListeners?: Set<AdvanceListener> };
const advanceListeners = (g2.__guildhallFollowerListeners ??= new Set<AdvanceListener>());

/** Runs `fn` whenever one of the named followers in this process has processed new changes. */
export function onFollowerAdvanced(names: string[], fn: Listener): () => void {
  const l = { names, fn };
  advanceListeners.add(l);
  return () => advanceListeners.delete(l);
}

export function followerAdvanced(name: string): void {
  for (const l of advanceListeners) if (l.names.includes(name)) setImmediate(l.fn);
}
