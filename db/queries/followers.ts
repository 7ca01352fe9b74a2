// Where each follower of the change log has got to (outbox_followers). The one place that locks a
// follower's row: a batch is applied and the position advanced in the transaction that holds the lock,
// so any number of processes may run the same follower and a crash re-runs the whole batch.
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { outboxFollowers } from "../schema";

/** The follower that keeps group membership current; webhooks and syncs read only what it has applied. */
export const GROUP_FOLLOWER = "groups";

/** The follower of one API key's changes feed that fans its entries out to the key's webhook endpoints. */
export const webhookFollowerOf = (apiKeyId: string) => `webhooks:${apiKeyId}`;

export type FollowerPosition = { cursor: number; position: string | null };

/** Locks the follower's row until the transaction ends (creating it at the start of the log). */
export async function lockFollower(tx: DbOrTx, name: string): Promise<FollowerPosition> {
  await tx.insert(outboxFollowers).values({ name }).onConflictDoNothing();
  const [row] = await tx
    .select({ cursor: outboxFollowers.cursor, position: outboxFollowers.position })
    .from(outboxFollowers)
    .where(eq(outboxFollowers.name, name))
    .for("update");
  return { cursor: Number(row.cursor), position: row.position };
}

/** Moves a follower on; call in the transaction that locked it and applied the batch. */
export async function advanceFollower(
  tx: DbOrTx,
  name: string,
  to: { cursor: number } | { position: string },
): Promise<void> {
  await tx
    .update(outboxFollowers)
    .set({ ...to, updatedAt: new Date() })
    .where(eq(outboxFollowers.name, name));
}

/** Creates a follower at a given place unless it exists already (a new subscriber starts at the head). */
export async function startFollowerAt(
  db: DbOrTx,
  name: string,
  at: { cursor: number } | { position: string },
): Promise<void> {
  await db
    .insert(outboxFollowers)
    .values({ name, ...at })
    .onConflictDoNothing();
}

/** A follower's log cursor, unlocked (0 when it has not started). */
export async function followerCursor(db: DbOrTx, name: string): Promise<number> {
  const [row] = await db
    .select({ cursor: outboxFollowers.cursor })
    .from(outboxFollowers)
    .where(eq(outboxFollowers.name, name));
  return Number(row?.cursor ?? 0);
}

/**
 * Waits for writers of a log still inside their transaction (they hold the log's advisory lock until
 * commit), so a follower woken just before their commit still finds their rows. Postgres only: on PGlite
 * the one session already serialises them.
 */
export async function waitForLogWriters(db: DbOrTx, lock: number): Promise<void> {
  await db.transaction((tx) => tx.execute(sql`select pg_advisory_xact_lock_shared(${lock})`));
}
