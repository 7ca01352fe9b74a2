// A limit on failed sign-ins, per email and per client address, kept in the database so it holds
// across restarts and across app instances sharing Postgres.
import { eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { signInThrottle } from "@/db/schema";

export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;

export async function isLocked(db: DbOrTx, keys: string[]): Promise<boolean> {
  for (const key of keys) {
    const [row] = await db.select().from(signInThrottle).where(eq(signInThrottle.key, key));
    if (row?.lockedUntil && row.lockedUntil > new Date()) return true;
  }
  return false;
}

export async function recordFailure(db: DbOrTx, keys: string[]): Promise<void> {
  for (const key of keys) {
    // One statement: restart the window when it has passed, otherwise count, and lock at the limit.
    await db.execute(sql`
      insert into sign_in_throttle (key, failures, window_started_at) values (${key}, 1, now())
      on conflict (key) do update set
        failures = case when sign_in_throttle.window_started_at < now() - make_interval(mins => ${WINDOW_MINUTES})
          then 1 else sign_in_throttle.failures + 1 end,
        window_started_at = case when sign_in_throttle.window_started_at < now() - make_interval(mins => ${WINDOW_MINUTES})
          then now() else sign_in_throttle.window_started_at end,
        locked_until = case when sign_in_throttle.window_started_at >= now() - make_interval(mins => ${WINDOW_MINUTES})
          and sign_in_throttle.failures + 1 >= ${MAX_FAILURES} then now() + make_interval(mins => ${WINDOW_MINUTES})
          else sign_in_throttle.locked_until end`);
  }
}

export async function clearFailures(db: DbOrTx, key: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}

export async function pruneThrottle(db: DbOrTx): Promise<void> {
  await db.delete(signInThrottle).where(lt(signInThrottle.windowStartedAt, sql`now() - interval '1 day'`));
}
