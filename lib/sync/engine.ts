// The vendor-neutral sync engine. A run is: plan (read both sides, write every planned remote call to
// sync_ops) then apply chunks until none is open. Each chunk marks its ops in_flight BEFORE calling the
// remote side and done AFTER, so after a crash or an answer-less failure the in_flight ones are settled
// by re-reading the remote group instead of being sent again (no double adds or removes).
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { getSiteSettings, syncsAllowed } from "@/db/queries/site-settings";
import { deleteOpsOfLink, getSyncLink, setLinkStatus, type SyncLink } from "@/db/queries/sync-links";
import {
  loadGroupMembersForSync,
  loadRemoteIds,
  loadSentHashes,
  rememberRemoteIds,
  replaceSyncMembers,
} from "@/db/queries/sync-members";
import { countOps, insertOps, type NewSyncOp } from "@/db/queries/sync-ops";
import type { SyncLinkStatus } from "@/db/schema";
import { connectorFor } from "@/lib/connectors/connections";
import type { Connector } from "@/lib/connectors/types";
import { applyChunk, settleInFlight } from "./apply";
import { needsRemovalConfirmation, planSync, type PlannedAdd } from "./plan";

export type SyncDeps = { connector?: Connector; chunkSize?: number };
export type StepResult = { status: SyncLinkStatus; remaining: number; message: string; done?: number };

export const heldMessage = "Held: the site is not launched and “allow syncs on staging” is off.";

async function connectorOf(db: Db, link: SyncLink, deps: SyncDeps): Promise<Connector | null> {
  return deps.connector ?? connectorFor(db, link.vendor);
}

/** First step of a run: hold checks, then resume the open plan or make a new one. */
export async function startRun(db: Db, linkId: string, deps: SyncDeps = {}): Promise<StepResult> {
  const link = await getSyncLink(db, linkId);
  if (!link) return { status: "idle", remaining: 0, message: "Not linked." };
  const connector = await connectorOf(db, link, deps);
  if (!connector)
    return fail(db, link.id, "Not connected: add the API key and secret under Settings → Integrations.");
  if (!syncsAllowed(await getSiteSettings(db))) {
    await setLinkStatus(db, link.id, { status: "held", statusMessage: heldMessage });
    return { status: "held", remaining: 0, message: heldMessage };
  }
  if (link.planId) {
    const open = (await countOps(db, link.id, link.planId)).open;
    if (open > 0) {
      await setLinkStatus(db, link.id, { status: "syncing", statusMessage: "Resuming" });
      return { status: "syncing", remaining: open, message: "Resuming" };
    }
  }
  await setLinkStatus(db, link.id, {
    status: "syncing",
    statusMessage: "Comparing members",
    progressDone: 0,
    progressTotal: 0,
  });

  const [members, remote, remoteIds, sentHashes] = await Promise.all([
    loadGroupMembersForSync(db, link.groupId),
    connector.listMembers(link.remoteGroupId),
    loadRemoteIds(db, link.vendor),
    loadSentHashes(db, link.id),
  ]);
  const plan = planSync({ members, remote, remoteIds, sentHashes });

  const approved = link.approvedRemovals !== null && plan.removes.length <= link.approvedRemovals;
  if (
    !approved &&
    needsRemovalConfirmation(plan.removes.length, remote.length, link.guardPercent, link.guardMinimum)
  ) {
    const message = `Awaiting confirmation: this sync would remove ${plan.removes.length} of ${remote.length} people.`;
    await setLinkStatus(db, link.id, {
      status: "awaiting_confirmation",
      statusMessage: message,
      pendingRemovals: plan.removes,
    });
    return { status: "awaiting_confirmation", remaining: 0, message };
  }

  const planId = randomUUID();
  const base = { linkId: link.id, planId } as const;
  const ops: NewSyncOp[] = [
    ...plan.removes.map((r) => ({
      ...base,
      kind: "remove" as const,
      remoteUserId: r.remoteUserId,
      email: r.email,
      name: r.name,
    })),
    ...plan.adds.map((a) => personOp(base, "add", a)),
    ...plan.updates.map((u) => personOp(base, "update", u)),
  ];
  const member = (recordId: string, rest: Partial<Parameters<typeof replaceSyncMembers>[2][number]>) => ({
    linkId: link.id,
    recordType: "person" as const,
    recordId,
    state: "syncing" as const,
    ...rest,
  });
  await db.transaction(async (tx) => {
    await rememberRemoteIds(tx, link.vendor, plan.learned);
    await replaceSyncMembers(tx, link.id, [
      ...plan.notEligible.map((n) => ({
        ...member(n.recordId, { state: "not_applicable", reason: n.reason, message: n.message }),
        recordType: n.recordType,
      })),
      ...[...plan.adds, ...plan.updates].map((a) => member(a.person.personId, { fieldsHash: a.fieldsHash })),
      ...plan.unchanged.map((u) => member(u.personId, { state: "up_to_date", fieldsHash: u.fieldsHash })),
    ]);
    await deleteOpsOfLink(tx, link.id);
    await insertOps(tx, ops);
    await setLinkStatus(tx, link.id, {
      planId,
      progressDone: 0,
      progressTotal: ops.length,
      pendingRemovals: null,
      approvedRemovals: null,
      statusMessage: `Syncing: ${plan.adds.length} to add, ${plan.removes.length} to remove, ${plan.updates.length} to update`,
    });
  });
  if (!ops.length) return finish(db, link.id);
  return { status: "syncing", remaining: ops.length, message: "Planned" };
}

/** One chunk of the open plan; finishes the run when nothing is left. Safe to repeat after any failure. */
export async function applyNext(db: Db, linkId: string, deps: SyncDeps = {}): Promise<StepResult> {
  const link = await getSyncLink(db, linkId);
  if (!link?.planId)
    return { status: link?.status ?? "idle", remaining: 0, message: link?.statusMessage ?? "Not linked." };
  const connector = await connectorOf(db, link, deps);
  if (!connector) return fail(db, link.id, "Not connected.");
  const ctx = { db, link: { ...link, planId: link.planId }, connector, chunkSize: deps.chunkSize ?? 50 };
  await settleInFlight(ctx);
  await applyChunk(ctx);
  const counts = await countOps(db, link.id, link.planId);
  await setLinkStatus(db, link.id, { progressDone: counts.done, progressTotal: counts.total });
  if (counts.open === 0) return finish(db, link.id);
  return {
    status: "syncing",
    remaining: counts.open,
    message: `${counts.done} / ${counts.total}`,
    done: counts.done,
  };
}

function personOp(
  base: { linkId: string; planId: string },
  kind: "add" | "update",
  a: PlannedAdd,
): NewSyncOp {
  const { person, fieldsHash } = a;
  return {
    ...base,
    kind,
    personId: person.personId,
    remoteUserId: person.remoteUserId ?? null,
    email: person.email,
    name: `${person.firstName} ${person.lastName}`.trim(),
    payload: person as unknown as Record<string, unknown>,
    fieldsHash,
  };
}

async function finish(db: Db, linkId: string): Promise<StepResult> {
  const message = "Up to date";
  await db.transaction(async (tx) => {
    await deleteOpsOfLink(tx, linkId);
    await setLinkStatus(tx, linkId, {
      status: "up_to_date",
      statusMessage: message,
      planId: null,
      lastSyncedAt: new Date(),
    });
  });
  return { status: "up_to_date", remaining: 0, message };
}

async function fail(db: Db, linkId: string, message: string): Promise<StepResult> {
  await setLinkStatus(db, linkId, { status: "error", statusMessage: message });
  return { status: "error", remaining: 0, message };
}

export async function markLinkError(db: Db, linkId: string, error: unknown): Promise<void> {
  await fail(db, linkId, `Sync failed: ${(error as Error)?.message ?? String(error)}`);
}

/**
 * A whole run in this process (CLI, tests, benchmark). The Inngest function does the same with one step
 * per call. Transient failures are retried here up to `maxFailures` in a row, then the link shows the error.
 */
export async function runSync(
  db: Db,
  linkId: string,
  deps: SyncDeps & { maxFailures?: number; retryDelayMs?: number; onStep?: (r: StepResult) => void } = {},
) {
  let failures = 0;
  let result: StepResult | undefined;
  for (;;) {
    try {
      result = result ? await applyNext(db, linkId, deps) : await startRun(db, linkId, deps);
      failures = 0;
      deps.onStep?.(result);
      if (result.status !== "syncing" || result.remaining === 0) return result;
    } catch (e) {
      deps.onStep?.({ status: "syncing", remaining: -1, message: (e as Error).message });
      if (++failures >= (deps.maxFailures ?? 25)) {
        await markLinkError(db, linkId, e);
        throw e;
      }
      await new Promise((r) => setTimeout(r, deps.retryDelayMs ?? 200));
    }
  }
}
