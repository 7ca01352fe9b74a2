// Applying planned ops (see engine.ts). Kept apart so the in_flight protocol is readable in one place.
import type { Db } from "@/db/client";
import type { SyncLink } from "@/db/queries/sync-links";
import { rememberRemoteIds, setSyncMemberStates } from "@/db/queries/sync-members";
import { nextPendingOps, opsInState, setOpsState, type SyncOp } from "@/db/queries/sync-ops";
import { HttpError } from "@/lib/connectors/http";
import type { Connector, SyncPerson } from "@/lib/connectors/types";
import { reasonMessages } from "./eligibility";

export type ApplyCtx = {
  db: Db;
  link: SyncLink & { planId: string };
  connector: Connector;
  chunkSize: number;
};

/**
 * Ops left in_flight by a crash or an answer-less failure: re-read the remote group and mark each one
 * done if its effect is there, pending otherwise. Updates are simply sent again (they are idempotent).
 */
export async function settleInFlight({ db, link, connector }: ApplyCtx): Promise<void> {
  const inFlight = await opsInState(db, link.id, link.planId, "in_flight");
  if (!inFlight.length) return;
  // A few (an answer lost mid-chunk): ask about each. Many (a crash mid-chunk): one read of the group.
  let isMember: (op: SyncOp) => Promise<{ member: boolean; remoteUserId: string | null }>;
  if (inFlight.length <= 5) {
    isMember = (op) =>
      connector.checkMember(link.remoteGroupId, { remoteUserId: op.remoteUserId, email: op.email });
  } else {
    const remote = await connector.listMembers(link.remoteGroupId);
    const byId = new Set(remote.map((r) => r.remoteUserId));
    const byEmail = new Map(remote.filter((r) => r.email).map((r) => [r.email!, r.remoteUserId]));
    isMember = async (op) => {
      const id =
        (op.remoteUserId && byId.has(op.remoteUserId) && op.remoteUserId) ||
        byEmail.get((op.email ?? "").toLowerCase());
      return { member: Boolean(id), remoteUserId: id || null };
    };
  }
  const done: SyncOp[] = [];
  const retry: number[] = [];
  const learned: { personId: string; remoteUserId: string }[] = [];
  for (const op of inFlight) {
    if (op.kind === "update") {
      retry.push(op.id); // updates are idempotent: simply send again
      continue;
    }
    const { member, remoteUserId } = await isMember(op);
    if (op.kind === "remove" ? !member : member) {
      done.push(op);
      if (op.kind === "add" && remoteUserId) learned.push({ personId: op.personId!, remoteUserId });
    } else retry.push(op.id);
  }
  await db.transaction(async (tx) => {
    await setOpsState(
      tx,
      done.map((o) => o.id),
      "done",
    );
    await setOpsState(tx, retry, "pending");
    await rememberRemoteIds(tx, link.vendor, learned);
    await setSyncMemberStates(
      tx,
      link.id,
      done.filter((o) => o.personId).map((o) => o.personId!),
      {
        state: "up_to_date",
        reason: null,
        message: "",
      },
    );
  });
}

type Outcome = { op: SyncOp; ok: true; remoteUserId?: string } | { op: SyncOp; ok: false; message: string };

/**
 * Sends the next chunk of one kind (adds in calls of the connector's batch size, removes and updates one
 * call each) and records every outcome in one transaction at the end. A crash before that leaves the
 * chunk in_flight, which settleInFlight resolves against the remote group.
 */
export async function applyChunk(ctx: ApplyCtx): Promise<void> {
  const { db, link, connector, chunkSize } = ctx;
  const first = await nextPendingOps(db, link.id, link.planId, 1);
  if (!first.length) return;
  const kind = first[0].kind;
  const limit = kind === "add" ? Math.max(connector.maxBatch, chunkSize) : chunkSize;
  const ops = (await nextPendingOps(db, link.id, link.planId, limit)).filter((o) => o.kind === kind);
  await setOpsState(
    db,
    ops.map((o) => o.id),
    "in_flight",
  );
  const outcomes: Outcome[] = [];
  let sending: SyncOp[] = [];
  try {
    if (kind === "add" && connector.maxBatch > 1) {
      for (let i = 0; i < ops.length; i += connector.maxBatch) {
        const batch = (sending = ops.slice(i, i + connector.maxBatch));
        const results = await connector.addMembers(
          link.remoteGroupId,
          batch.map((o) => o.payload as unknown as SyncPerson),
        );
        results.forEach((r, j) =>
          outcomes.push(
            r.ok
              ? { op: batch[j], ok: true, remoteUserId: r.remoteUserId }
              : { op: batch[j], ok: false, message: r.message },
          ),
        );
      }
    } else
      for (const op of ops) {
        sending = [op];
        outcomes.push(await applyOneSettled(connector, link.remoteGroupId, op));
      }
  } catch (e) {
    await record(ctx, outcomes);
    // Only the call whose answer was lost stays in_flight (to be settled); ops never sent, or refused
    // outright, go back to pending.
    const keep = new Set(e instanceof HttpError && e.ambiguous ? sending.map((o) => o.id) : []);
    const settled = new Set(outcomes.map((o) => o.op.id));
    await setOpsState(
      db,
      ops.filter((o) => !settled.has(o.id) && !keep.has(o.id)).map((o) => o.id),
      "pending",
    );
    throw e;
  }
  await record(ctx, outcomes);
}

/** applyOne, and when its answer is lost, ask whether it happened before sending it again. */
async function applyOneSettled(connector: Connector, remoteGroupId: string, op: SyncOp): Promise<Outcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyOne(connector, remoteGroupId, op);
    } catch (e) {
      if (!(e instanceof HttpError && e.ambiguous) || attempt >= 5) throw e;
      if (op.kind === "update") continue; // idempotent
      const { member, remoteUserId } = await connector.checkMember(remoteGroupId, {
        remoteUserId: op.remoteUserId,
        email: op.email,
      });
      if (op.kind === "remove" ? !member : member)
        return { op, ok: true, remoteUserId: remoteUserId ?? undefined };
    }
  }
}

async function applyOne(connector: Connector, remoteGroupId: string, op: SyncOp): Promise<Outcome> {
  if (op.kind === "remove") {
    await connector.removeMember(remoteGroupId, op.remoteUserId!);
    return { op, ok: true };
  }
  if (op.kind === "add") {
    const [r] = await connector.addMembers(remoteGroupId, [op.payload as unknown as SyncPerson]);
    return r.ok ? { op, ok: true, remoteUserId: r.remoteUserId } : { op, ok: false, message: r.message };
  }
  try {
    const { remoteUserId } = await connector.upsertPerson(op.payload as unknown as SyncPerson);
    return { op, ok: true, remoteUserId };
  } catch (e) {
    if (e instanceof HttpError && e.kind === "client") return { op, ok: false, message: e.message };
    throw e;
  }
}

async function record({ db, link }: ApplyCtx, outcomes: Outcome[]): Promise<void> {
  if (!outcomes.length) return;
  const ok = outcomes.filter((o) => o.ok);
  await db.transaction(async (tx) => {
    await setOpsState(
      tx,
      ok.map((o) => o.op.id),
      "done",
    );
    await rememberRemoteIds(
      tx,
      link.vendor,
      ok.flatMap((o) =>
        o.op.personId && o.remoteUserId ? [{ personId: o.op.personId, remoteUserId: o.remoteUserId }] : [],
      ),
    );
    await setSyncMemberStates(
      tx,
      link.id,
      ok.flatMap((o) => (o.op.personId ? [o.op.personId] : [])),
      {
        state: "up_to_date",
        reason: null,
        message: "",
      },
    );
    for (const o of outcomes) {
      if (o.ok) continue;
      await setOpsState(tx, [o.op.id], "failed", o.message);
      await setSyncMemberStates(tx, link.id, [o.op.personId!], {
        state: "error",
        reason: "remote_rejected",
        message: `${reasonMessages.remote_rejected} ${o.message}`,
        fieldsHash: null,
      });
    }
  });
}
