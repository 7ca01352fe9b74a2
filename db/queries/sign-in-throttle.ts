// Failed sign-ins per key (an email or a client address), kept in the database so a limit holds across
// restarts and across app instances sharing Postgres. The limit itself is lib/auth/throttle.ts.
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { signInThrottle } from "../schema";

export async function lockedUntilOf(db: DbOrTx, key: string): Promise<Date | null> {
  const [row] = await db.select().from(signInThrottle).where(eq(signInThrottle.key, key));
  return row?.lockedUntil ?? null;
}

/** Counts one failure in one statement: restarts the window when it has passed, locks at `max`. */
export async function countFailure(
  db: DbOrTx,
  key: string,
  limit: { max: number; windowMinutes: number },
): Promise<void> {
  const w = limit.windowMinutes;
  await db.execute(sql`
    insert into sign_in_throttle (key, failures, window_started_at) values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when sign_in_throttle.window_started_at < now() - make_interval(mins => ${w})
        then 1 else sign_in_throttle.failures + 1 end,
      window_started_at = case when sign_in_throttle.window_started_at < now() - make_interval(mins => ${w})
        then now() else sign_in_throttle.window_started_at end,
      locked_until = case when sign_in_throttle.window_started_at >= now() - make_interval(mins => ${w})
        and sign_in_throttle.failures + 1 >= ${limit.max} then now() + make_interval(mins => ${w})
        else sign_in_throttle.locked_until end`);
}

export async function clearFailures(db: DbOrTx, key: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}
