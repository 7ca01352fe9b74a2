// A limit on failed sign-ins, per email and per client address: MAX_FAILURES within WINDOW_MINUTES locks
// the key for WINDOW_MINUTES. Counted in the database (db/queries/sign-in-throttle.ts), so it holds across
// restarts and across app instances sharing Postgres.
import type { DbOrTx } from "@/db/client";
import { countFailure, lockedUntilOf } from "@/db/queries/sign-in-throttle";

export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;

export async function isLocked(db: DbOrTx, keys: string[]): Promise<boolean> {
  for (const key of keys) {
    const until = await lockedUntilOf(db, key);
    if (until && until > new Date()) return true;
  }
  return false;
}

export async function recordFailure(db: DbOrTx, keys: string[]): Promise<void> {
  for (const key of keys) await countFailure(db, key, { max: MAX_FAILURES, windowMinutes: WINDOW_MINUTES });
}
