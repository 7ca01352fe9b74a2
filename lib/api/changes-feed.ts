// GET /api/v1/changes: what changed for one key, in order, so a consumer can keep an exact copy.
// Two logs are merged: the change outbox (record writes) and, for a key limited to a group, the
// group's membership log (entered/left). An entry becomes an upsert carrying the record's CURRENT data
// (as the key may see it) when the record is in scope now, a tombstone when it left the scope or was
// deactivated, and is skipped when the record is out of scope and was never shown (so nothing leaks).
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { decodeCursor, encodeCursor, POSITION } from "@/lib/core/cursor";
import { isUuid } from "@/lib/core/ids";
import { eventWireOf } from "./events-query";
import type { ResolvedKey } from "./key-cache";
import { getMembersInScopeByIds, idsInGroup } from "./members-query";
import { projectMember } from "./project";

type Raw = {
  src: "c" | "g";
  cursor: number;
  type: string;
  id: string;
  op: string;
  at: Date;
  cause: number | null;
  /** From the outbox row's before-snapshot: a deleted registration's person, a deleted event's status. */
  prev_person: string | null;
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
export async function feedHead(db: DbOrTx): Promise<string> {
  const [row] = (await db.execute(
    sql`select (select coalesce(max(cursor), 0) from changes)::int8 as c, (select coalesce(max(cursor), 0) from group_membership_changes)::int8 as g`,
  )) as unknown as { c: string | number; g: string | number }[];
  return encode(Number(row.c), Number(row.g));
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
  const group = key.limitMemberData && key.groupId ? key.groupId : null;
  const types = [
    ...(key.memberAccess ? ["person", "company"] : []),
    ...(key.eventAccess ? ["event", "registration"] : []),
  ];
  const outbox = types.length
    ? ((await db.execute(sql`select 'c' as src, cursor::int8 as cursor, record_type as type, record_id as id, op, created_at as at, null as cause,
          before->>'personId' as prev_person, before->>'status' as prev_status
        from changes where cursor > ${c0} ${o.outboxUpTo === undefined ? sql`` : sql`and cursor <= ${o.outboxUpTo}`} and record_type = any(${`{${types.join(",")}}`}::text[]) order by cursor limit ${o.limit}`)) as unknown as Raw[])
    : [];
  const glog =
    group && key.memberAccess
      ? ((await db.execute(sql`select 'g' as src, cursor::int8 as cursor, record_type as type, record_id::text as id, kind as op, created_at as at, cause_cursor::int8 as cause,
          null as prev_person, null as prev_status
        from group_membership_changes where group_id = ${group} and cursor > ${g0}
          ${
            o.outboxUpTo === undefined
              ? sql``
              : sql`and cursor < coalesce((select min(cursor) from group_membership_changes
                  where group_id = ${group} and cursor > ${g0} and cause_cursor > ${o.outboxUpTo}), 9223372036854775807)`
          } order by cursor limit ${o.limit}`)) as unknown as Raw[])
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
  const inGroup = group ? await idsInGroup(db, group, memberIds) : null;
  const otherIds = (t: string) => [
    ...new Set(merged.filter((r) => r.type === t && isUuid(r.id)).map((r) => r.id)),
  ];
  const events = await rowsById(
    db,
    sql`select * from events where status <> 'draft' and id = any(${`{${otherIds("event").join(",")}}`}::uuid[])`,
  );
  // A deleted registration's tombstone is shown only when its person is in scope now (else the key never
  // saw it); a deleted event's only when it was not a draft.
  const regPeople = [
    ...new Set(
      merged
        .filter((r) => r.type === "registration" && r.op === "deleted" && isUuid(r.prev_person ?? ""))
        .map((r) => r.prev_person!),
    ),
  ];
  const peopleInScope = await rowsById(
    db,
    sql`select p.id::text as id from people p
    ${group ? sql`join group_members gm on gm.group_id = ${group} and gm.record_type = 'person' and gm.record_id = p.id` : sql``}
    where p.active and p.id = any(${`{${regPeople.join(",")}}`}::uuid[])`,
  );
  const regs = await rowsById(
    db,
    sql`select r.* from registrations r join people p on p.id = r.person_id and p.active
    ${group ? sql`join group_members gm on gm.group_id = ${group} and gm.record_type = 'person' and gm.record_id = r.person_id` : sql``}
    where r.id = any(${`{${otherIds("registration").join(",")}}`}::uuid[])`,
  );

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
      else if (row)
        data.push({
          ...base,
          op: "upsert",
          reason: r.op === "entered_group" ? "entered_scope" : r.op,
          data: projectMember(row, key),
        });
    } else if (r.type === "event") {
      const ev = events.get(r.id);
      if (ev) data.push({ ...base, op: "upsert", reason: r.op, data: eventWireOf(ev) });
      else if (r.op === "deleted" && r.prev_status !== "draft")
        data.push({ ...base, op: "tombstone", reason: "deleted", data: null });
    } else if (r.type === "registration") {
      const reg = regs.get(r.id);
      if (reg)
        data.push({
          ...base,
          op: "upsert",
          reason: r.op,
          data: { id: reg.id, event_id: reg.event_id, person_id: reg.person_id, status: reg.status },
        });
      else if (r.op === "deleted" && r.prev_person && peopleInScope.has(r.prev_person))
        data.push({ ...base, op: "tombstone", reason: "deleted", data: null });
    }
  }
  return { data, next_cursor: encode(c1, g1) };
}

async function rowsById(db: DbOrTx, query: ReturnType<typeof sql>) {
  const rows = (await db.execute(query)) as unknown as (Record<string, unknown> & { id: string })[];
  return new Map(rows.map((r) => [r.id, r]));
}
