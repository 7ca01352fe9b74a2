// Applying planned ops (see engine.ts). Kept apart so the in_flight protocol is readable in one place.
import type { Db } from "@/db/client";
import type { SyncLink } from "@/db/queries/sync-links";
import { rememberRemoteIds, setSyncMemberStates } from "@/db/queries/sync-members";
import { nextPendingOps, opsInState, setOpsState, type SyncOp } from "@/db/queries/sync-ops";
import { HttpError } from "@/lib/connectors/http";
import type { Connector, SyncPerson } from "@/lib/connectors/types";
import { reasonMessages } from "./eligibility";

export type ApplyCtx = { db: Db; link: SyncLink & { planId: string }; connector: Connector; chunkSize: number };

/**
 * Ops left in_flight by a crash or an answer-less failure: re-read the remote group and mark each one
 * done if its effect is there, pending otherwise. Updates are simply sent again (they are idempotent).
 */
export async function settleInFlight({ db, link, connector }: ApplyCtx): Promise<void> {
  const inFlight = await opsInState(db, link.id, link.planId, "in_flight");
  if (!inFlight.length) return;
  const remote = await connector.listMembers(link.remoteGroupId);
  const byId = new Set(remote.map((r) => r.remoteUserId));
  const byEmail = new Map(remote.filter((r) => r.email).map((r) => [r.email!, r.remoteUserId]));
  const done: SyncOp[] = [];
  const retry: number[] = [];
  const learned: { personId: string; remoteUserId: string }[] = [];
  for (const op of inFlight) {
    if (op.kind === "remove") {
      if (byId.has(op.remoteUserId!)) retry.push(op.id);
      else done.push(op);
    } else if (op.kind === "add") {
      const id = (op.remoteUserId && byId.has(op.remoteUserId) && op.remoteUserId) || byEmail.get((op.email ?? "").toLowerCase());
      if (id) {
        done.push(op);
        learned.push({ personId: op.personId!, remoteUserId: id });
      } else retry.push(op.id);
    } else retry.push(op.id);
  }
  await db.transaction(async (tx) => {
    await setOpsState(tx, done.map((o) => o.id), "done");
    await setOpsState(tx, retry, "pending");
    await rememberRemoteIds(tx, link.vendor, learned);
    await setSyncMemberStates(tx, link.id, done.filter((o) => o.personId).map((o) => o.personId!), {
      state: "up_to_date",
      reason: null,
      message: "",
    });
  });
}

/** Sends the next chunk: one bulk add, or up to chunkSize removes/updates one call each. */
export async function applyChunk({ db, link, connector, chunkSize }: ApplyCtx): Promise<void> {
  const first = await nextPendingOps(db, link.id, link.planId, 1);
  if (!first.length) return;
  const kind = first[0].kind;
  const limit = kind === "add" ? connector.maxBatch : chunkSize;
  const ops = (await nextPendingOps(db, link.id, link.planId, limit)).filter((o) => o.kind === kind);
  await setOpsState(db, ops.map((o) => o.id), "in_flight");
  try {
    if (kind === "add") await applyAdds({ db, link, connector, chunkSize }, ops);
    else for (const op of ops) await applyOne({ db, link, connector, chunkSize }, op);
  } catch (e) {
    // Refused outright (not ambiguous): nothing happened remotely, so the rest can be planned again.
    if (!(e instanceof HttpError && e.ambiguous)) {
      const stillInFlight = (await opsInState(db, link.id, link.planId, "in_flight")).map((o) => o.id);
      await setOpsState(db, stillInFlight, "pending");
    }
    throw e;
  }
}

async function applyAdds({ db, link, connector }: ApplyCtx, ops: SyncOp[]): Promise<void> {
  const people = ops.map((o) => o.payload as unknown as SyncPerson);
  const results = await connector.addMembers(link.remoteGroupId, people);
  const ok = results.filter((r) => r.ok);
  const okIds = new Set(ok.map((r) => r.personId));
  await db.transaction(async (tx) => {
    await setOpsState(tx, ops.filter((o) => okIds.has(o.personId!)).map((o) => o.id), "done");
    await rememberRemoteIds(tx, link.vendor, ok.map((r) => ({ personId: r.personId, remoteUserId: r.ok ? r.remoteUserId : "" })));
    await setSyncMemberStates(tx, link.id, [...okIds], { state: "up_to_date", reason: null, message: "" });
    for (const r of results) {
      if (r.ok) continue;
      const op = ops.find((o) => o.personId === r.personId)!;
      await setOpsState(tx, [op.id], "failed", r.message);
      await setSyncMemberStates(tx, link.id, [r.personId], {
        state: "error",
        reason: "remote_rejected",
        message: `${reasonMessages.remote_rejected} ${r.message}`,
        fieldsHash: null,
      });
    }
  });
}

async function applyOne({ db, link, connector }: ApplyCtx, op: SyncOp): Promise<void> {
  if (op.kind === "remove") {
    await connector.removeMember(link.remoteGroupId, op.remoteUserId!);
    await setOpsState(db, [op.id], "done");
    return;
  }
  const person = op.payload as unknown as SyncPerson;
  try {
    const { remoteUserId } = await connector.upsertPerson(person);
    await db.transaction(async (tx) => {
      await setOpsState(tx, [op.id], "done");
      await rememberRemoteIds(tx, link.vendor, [{ personId: person.personId, remoteUserId }]);
      await setSyncMemberStates(tx, link.id, [person.personId], { state: "up_to_date", reason: null, message: "" });
    });
  } catch (e) {
    if (!(e instanceof HttpError && e.kind === "client")) throw e;
    await setOpsState(db, [op.id], "failed", e.message);
    await setSyncMemberStates(db, link.id, [person.personId], {
      state: "error",
      reason: "remote_rejected",
      message: `${reasonMessages.remote_rejected} ${e.message}`,
      fieldsHash: null,
    });
  }
}
