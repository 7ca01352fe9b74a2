// What of the change pipeline needs a person: entries a follower set aside (each with its error and a
// retry), and followers that have fallen behind the log. Shown on the Workflows screen and counted in the
// admin shell.
import type { DbHandle, DbOrTx } from "@/db/client";
import { countSetAside, followersBehind, listSetAside } from "@/db/queries/follower-failures";
import { env } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { followerSpecs } from "./consumers";
import { retryAllSetAside, retrySetAside } from "./engine";

const outboxFollowerNames = () =>
  [...followerSpecs.values()].filter((s) => s.log === "outbox").map((s) => s.name);

export async function loadAttention(db: DbOrTx) {
  const [setAside, behind] = await Promise.all([
    listSetAside(db),
    followersBehind(db, outboxFollowerNames(), env.GUILDHALL_FOLLOWER_LAG_ALERT_SECONDS),
  ]);
  return {
    // The record an entry was about is known for outbox entries; membership-log entries name none.
    setAside: setAside.map((e) =>
      followerSpecs.get(e.follower)?.log === "outbox"
        ? e
        : { ...e, recordType: null, recordId: null, op: null },
    ),
    behind,
  };
}
export type Attention = Awaited<ReturnType<typeof loadAttention>>;

/** How many things need staff: set-aside entries plus followers behind. */
export async function attentionCount(db: DbOrTx): Promise<number> {
  const [n, behind] = await Promise.all([
    countSetAside(db),
    followersBehind(db, outboxFollowerNames(), env.GUILDHALL_FOLLOWER_LAG_ALERT_SECONDS),
  ]);
  return n + behind.length;
}

function specNamed(follower: string) {
  const spec = followerSpecs.get(follower);
  if (!spec) throw new AppError("not_found", `No follower named "${follower}".`);
  return spec;
}

/** Tries one set-aside entry again; an error that says it still fails. */
export async function retryEntry(handle: Pick<DbHandle, "db">, follower: string, cursor: number) {
  if (!(await retrySetAside(handle, specNamed(follower), cursor)))
    throw new AppError(
      "conflict",
      "It still fails: fix the record (the error says what the database refused), then retry.",
    );
}

/** Tries every set-aside entry again; how many succeeded and how many still fail. */
export async function retryEverything(handle: Pick<DbHandle, "db">) {
  let ok = 0;
  for (const spec of followerSpecs.values()) ok += await retryAllSetAside(handle, spec);
  return { ok, left: await countSetAside(handle.db) };
}
