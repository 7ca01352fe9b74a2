// What follows the change log, in one list: everything that happens after a record is written is one of
// these consumers (docs/changes.md). Each keeps its own position, so each is exact and restartable.
//
//   record write ──(same transaction)──▶ changes (the outbox)
//        ├─▶ groups           group_members + the membership log (entered / left)
//        ├─▶ sync-triggers    sync requests for linked groups whose synced fields changed
//        └─▶ after "groups":
//              ├─▶ sync-membership   sync requests for linked groups someone entered or left
//              └─▶ webhooks          each key's changes feed → deliveries (then the webhook-deliver workflow)
// The API's changes feed (GET /api/v1/changes) reads the same two logs on demand, from the caller's cursor.
import type { DbHandle } from "@/db/client";
import { GROUP_FOLLOWER } from "@/db/queries/followers";
import {
  startConsumer,
  startFollower,
  type ConsumerOptions,
  type FollowerSpec,
  type RunningConsumer,
} from "./engine";
import { groupFollower } from "./group-membership";
import { syncMembershipFollower, syncTriggerFollower } from "./sync-triggers";
import { fanOutWebhooksOnce } from "./webhook-fan-out";

type Handle = Pick<DbHandle, "db" | "sql" | "kind">;
type Consumer =
  | { follower: FollowerSpec; options?: ConsumerOptions }
  | { name: string; runOnce: (h: Handle) => Promise<number>; options?: ConsumerOptions };

export const consumers: Consumer[] = [
  { follower: groupFollower },
  { follower: syncTriggerFollower, options: { pollMs: 30_000 } },
  // The group follower writes the membership log: look each time it advances, with a slow safety poll (a
  // second-by-second poll cost more CPU than anything else in an idle app on PGlite).
  { follower: syncMembershipFollower, options: { after: [GROUP_FOLLOWER], pollMs: 30_000 } },
  {
    name: "webhooks",
    runOnce: (h) => fanOutWebhooksOnce(h.db),
    options: { after: [GROUP_FOLLOWER], pollMs: 10_000 },
  },
];

/** Starts every consumer (the app process, lib/server-services.ts). */
export async function startChangeConsumers(handle: Handle): Promise<{ stop: () => Promise<void> }> {
  const running: RunningConsumer[] = [];
  for (const c of consumers)
    running.push(
      "follower" in c
        ? await startFollower(handle, c.follower, c.options)
        : await startConsumer(handle, c.name, () => c.runOnce(handle), c.options),
    );
  return { stop: async () => void (await Promise.all(running.map((r) => r.stop()))) };
}

/** The followers of the two logs by name (the Workflows screen retries their set-aside entries). */
export const followerSpecs: ReadonlyMap<string, FollowerSpec> = new Map(
  consumers.flatMap((c) => ("follower" in c ? [[c.follower.name, c.follower] as const] : [])),
);
