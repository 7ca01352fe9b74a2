// GET /api/v1/changes: what changed for one key, in order, so a consumer can keep an exact copy.
// Two logs are merged: the change outbox (record writes) and, for a key limited to a group, the group's
// membership log (entered/left). Every entry type passes the same family, status and scope rules as its
// endpoint (lib/api-keys/scope.ts). A write's entry becomes an upsert carrying the record AS OF THAT WRITE:
// it is shown only while the record is still at the version that write left (read in the same statement
// as its scope), else it is superseded and skipped — the later entry shows the later state, or a
// tombstone if that state is out of scope. So a payload never holds data written after its change, nor
// data of a moment when the record was outside the key's group. A tombstone is sent when the record left
// the scope or was deactivated; an entry of a record out of scope that was never shown is skipped.
import type { DbOrTx } from "@/db/client";
import { latestCursor, readOutboxForFeed } from "@/db/queries/changes";
import { latestMembershipCursor, readGroupLogForFeed } from "@/db/queries/membership-log";
import { decodeCursor, encodeCursor, POSITION } from "@/lib/core/cursor";
import { isUuid } from "@/lib/core/ids";
import type { ResolvedKey } from "@/lib/api-keys/cache";
import {
  draftEventsInScope,
  eventsInScopeByIds,
  feedTypesOf,
  getMembersInScopeByIds,
  groupMembersAmong,
  groupOf,
  peopleInScopeAmong,
  registrationsInScopeByIds,
} from "@/lib/api-keys/scope";
import { eventWireOf, projectMember } from "./project";

type Raw = {
  src: "c" | "g";
  cursor: number;
  type: string;
  id: string;
  op: string;
  at: Date;
  cause: number | null;
  /** The record's version after an outbox write (null for membership entries and older rows). */
  version: number | null;
  /** From the outbox row's before-snapshot: a deleted registration's person and event, a deleted event's status. */
  prev_person: string | null;
  prev_event: string | null;
  prev_status: string | null;
};

/** Outbox row `a` goes before group-log row `b`: a membership change follows the write that caused it. */
const outboxFirst = (a: Raw, b: Raw) =>
  b.cause != null
    ? Number(a.cursor) <= Number(b.cause)
    : new Date(a.at).getTime() <= new Date(b.at).getTime();
type Out = {
  cursor: string;
  record_type: string;
  id: string;
  op: "upsert" | "tombstone";
  reason: string;
  at: string;
  data: Record<string, unknown> | null;
};
const encode = (c: number, g: number) => encodeCursor("f", [c, g]);
function decode(cursor: string | undefined): [number, number] {
  const parts = decodeCursor(cursor, "f", [POSITION, POSITION]);
  return parts ? [Number(parts[0]), Number(parts[1])] : [0, 0];
}

export type FeedEntry = Out;

/** The feed position just after everything written so far (where a new webhook subscriber starts). */
/** The feed position just after everything written so far (where a new webhook subscriber starts). */
export async function feedHead(db: DbOrTx): Promise<string> {
  return encode(await latestCursor(db), await latestMembershipCursor(db));
}

/**
 * `outboxUpTo` stops at that outbox cursor: webhooks read only what the group follower has already
 * processed, so a write and the scope change it caused are seen together, in order.
 */
export async function readChangesForKey(
  db: DbOrTx,
  key: ResolvedKey,
  o: { cursor?: string; limit: number; outboxUpTo?: number },
): Promise<{ data: FeedEntry[]; next_cursor: string }> {
  const [c0, g0] = decode(o.cursor);
  const group = groupOf(key);
  const types = feedTypesOf(key);
  const outbox: Raw[] = (
    await readOutboxForFeed(db, { after: c0, upTo: o.outboxUpTo, types, limit: o.limit })
  ).map((r) => ({ src: "c", ...r }));
  const glog: Raw[] =
    group && key.memberAccess
      ? (
          await readGroupLogForFeed(db, {
            groupId: group,
            after: g0,
            causeUpTo: o.outboxUpTo,
            limit: o.limit,
          })
        ).map((r) => ({
          src: "g",
          ...r,
          version: null,
          prev_person: null,
          prev_event: null,
          prev_status: null,
        }))
      : [];
  // Merge (by cause cursor, else by time); stop where a full batch runs out (its next rows were not read).
  const merged: Raw[] = [];
  let i = 0;
  let j = 0;
  while (merged.length < o.limit) {
    const a = outbox[i];
    const b = glog[j];
    if (!a && (!b || outbox.length === o.limit)) break;
    if (!b && glog.length === o.limit) break;
    if (a && (!b || outboxFirst(a, b))) merged.push(outbox[i++]);
    else if (b) merged.push(glog[j++]);
    else break;
  }
  const c1 = i > 0 ? Number(outbox[i - 1].cursor) : c0;
  const g1 = j > 0 ? Number(glog[j - 1].cursor) : g0;

  const memberIds = [
    ...new Set(
      merged.filter((r) => (r.type === "person" || r.type === "company") && isUuid(r.id)).map((r) => r.id),
    ),
  ];
  const inScope = await getMembersInScopeByIds(db, key, memberIds);
  const inGroup = await groupMembersAmong(db, key, memberIds);
  const otherIds = (t: string) => [
    ...new Set(merged.filter((r) => r.type === t && isUuid(r.id)).map((r) => r.id)),
  ];
  const events = await eventsInScopeByIds(db, otherIds("event"));
  // A deleted registration's tombstone is shown only when its person is in scope now (else the key never
  // saw it); a deleted event's only when it was not a draft.
  const regPeople = [
    ...new Set(
      merged
        .filter((r) => r.type === "registration" && r.op === "deleted" && isUuid(r.prev_person ?? ""))
        .map((r) => r.prev_person!),
    ),
  ];
  const peopleInScope = await peopleInScopeAmong(db, key, regPeople);
  const draftEvents = await draftEventsInScope(db, [
    ...new Set(
      merged.filter((r) => r.type === "registration" && isUuid(r.prev_event ?? "")).map((r) => r.prev_event!),
    ),
  ]);
  // The record as of this entry's write: still at the version it left (or an entry without a version).
  const asOfEntry = (r: Raw, row: Record<string, unknown> | undefined) =>
    !!row && (r.version === null || Number(row.version) === Number(r.version));
  const regs = await registrationsInScopeByIds(db, key, otherIds("registration"));

  const data: Out[] = [];
  for (const r of merged) {
    const at = new Date(r.at).toISOString();
    const base = {
      cursor: encode(r.src === "c" ? Number(r.cursor) : c0, r.src === "g" ? Number(r.cursor) : g0),
      record_type: r.type,
      id: r.id,
      at,
    };
    if (r.type === "person" || r.type === "company") {
      const row = inScope.get(r.id);
      if (r.op === "left_group") data.push({ ...base, op: "tombstone", reason: "left_scope", data: null });
      else if (r.op === "deactivated" && !row && (!inGroup || inGroup.has(r.id)))
        data.push({ ...base, op: "tombstone", reason: "deactivated", data: null });
      else if (r.src === "g" ? row : asOfEntry(r, row))
        data.push({
          ...base,
          op: "upsert",
          reason: r.op === "entered_group" ? "entered_scope" : r.op,
          data: projectMember(row!, key),
        });
    } else if (r.type === "event") {
      const ev = events.get(r.id);
      if (ev) {
        if (asOfEntry(r, ev)) data.push({ ...base, op: "upsert", reason: r.op, data: eventWireOf(ev) });
      } else if (r.op === "deleted" && r.prev_status !== "draft")
        data.push({ ...base, op: "tombstone", reason: "deleted", data: null });
    } else if (r.type === "registration") {
      const reg = regs.get(r.id);
      if (reg) {
        if (asOfEntry(r, reg))
          data.push({
            ...base,
            op: "upsert",
            reason: r.op,
            data: { id: reg.id, event_id: reg.event_id, person_id: reg.person_id, status: reg.status },
          });
      } else if (
        r.op === "deleted" &&
        r.prev_person &&
        peopleInScope.has(r.prev_person) &&
        !(r.prev_event && draftEvents.has(r.prev_event))
      )
        data.push({ ...base, op: "tombstone", reason: "deleted", data: null });
    }
  }
  return { data, next_cursor: encode(c1, g1) };
}
