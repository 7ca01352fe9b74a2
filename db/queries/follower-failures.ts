// Log entries a follower could not apply (follower_failures): counted while the follower retries them in
// order, then set aside so the rest of the log flows, and listed for staff until a retry succeeds.
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { changes, followerFailures, outboxFollowers } from "../schema";

export type FollowerFailure = typeof followerFailures.$inferSelect;

/** Counts one more failed try of the entry; returns the tries so far. */
export async function recordFailedTry(
  tx: DbOrTx,
  follower: string,
  cursor: number,
  error: string,
): Promise<number> {
  const [row] = await tx
    .insert(followerFailures)
    .values({ follower, cursor, error })
    .onConflictDoUpdate({
      target: [followerFailures.follower, followerFailures.cursor],
      set: { tries: sql`${followerFailures.tries} + 1`, error, lastTriedAt: new Date() },
    })
    .returning({ tries: followerFailures.tries });
  return row.tries;
}

export async function markSetAside(tx: DbOrTx, follower: string, cursor: number): Promise<void> {
  await tx
    .update(followerFailures)
    .set({ setAside: true })
    .where(and(eq(followerFailures.follower, follower), eq(followerFailures.cursor, cursor)));
}

/** Forgets an entry's failures (it has now been applied). */
export async function clearFailure(tx: DbOrTx, follower: string, cursor: number): Promise<void> {
  await tx
    .delete(followerFailures)
    .where(and(eq(followerFailures.follower, follower), eq(followerFailures.cursor, cursor)));
}

/** The set-aside entries of one follower, oldest first. */
export function setAsideOf(db: DbOrTx, follower: string) {
  return db
    .select({ cursor: followerFailures.cursor })
    .from(followerFailures)
    .where(and(eq(followerFailures.follower, follower), eq(followerFailures.setAside, true)))
    .orderBy(asc(followerFailures.cursor));
}

/** Everything staff should look at: set-aside entries with what they were about (outbox entries only). */
export function listSetAside(db: DbOrTx) {
  return db
    .select({
      follower: followerFailures.follower,
      cursor: followerFailures.cursor,
      error: followerFailures.error,
      tries: followerFailures.tries,
      firstFailedAt: followerFailures.firstFailedAt,
      lastTriedAt: followerFailures.lastTriedAt,
      recordType: changes.recordType,
      recordId: changes.recordId,
      op: changes.op,
    })
    .from(followerFailures)
    .leftJoin(changes, eq(changes.cursor, followerFailures.cursor))
    .where(eq(followerFailures.setAside, true))
    .orderBy(asc(followerFailures.firstFailedAt))
    .limit(500);
}

export async function countSetAside(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(followerFailures)
    .where(eq(followerFailures.setAside, true));
  return Number(row?.n ?? 0);
}

/**
 * Those of the named outbox followers that are behind by entries older than `olderThanSeconds`: how many
 * entries wait and since when.
 */
export async function followersBehind(db: DbOrTx, names: string[], olderThanSeconds: number) {
  if (!names.length) return [];
  const rows = await db.execute<{ name: string; waiting: string; oldest: string }>(sql`
    select f.name, (select count(*) from ${changes} c where c.cursor > f.cursor)::text as waiting,
      (select min(c.created_at) from ${changes} c where c.cursor > f.cursor)::text as oldest
    from ${outboxFollowers} f
    where f.name in (${sql.join(
      names.map((n) => sql`${n}`),
      sql`, `,
    )})
      and exists (select 1 from ${changes} c where c.cursor > f.cursor
        and c.created_at < now() - make_interval(secs => ${olderThanSeconds}))`);
  return [...rows].map((r) => ({ name: r.name, waiting: Number(r.waiting), oldest: r.oldest }));
}
