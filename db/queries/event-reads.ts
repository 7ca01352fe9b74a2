// Events and registrations as the API reads them. Which events (published ones) and which people (active,
// in a group or not) is decided by the caller (lib/api-keys/scope.ts) and given here as a shape.
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";

export type EventRow = Record<string, unknown> & { id: string };
export type RegistrationRow = Record<string, unknown> & { id: string; event_id: string; person_id: string };

const idArray = (ids: string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

/** Only registrations (and people) of active people, in the group when there is one. */
const personIn = (groupId: string | null, person: SQL): SQL =>
  sql`join people p on p.id = ${person} and p.active
    ${groupId ? sql`join group_members gm on gm.group_id = ${groupId} and gm.record_type = 'person' and gm.record_id = ${person}` : sql``}`;

/** Published (non-draft) events after an id, in id order (limit + 1 rows, so the caller sees if more follow). */
export async function listPublishedEvents(db: DbOrTx, o: { after: string | null; limit: number }) {
  return (await db.execute(sql`select * from events where status <> 'draft'
    ${o.after ? sql`and id > ${o.after}::uuid` : sql``} order by id limit ${o.limit + 1}`)) as unknown as EventRow[];
}

export async function getPublishedEvent(db: DbOrTx, id: string): Promise<EventRow | null> {
  const [row] = (await db.execute(
    sql`select * from events where id = ${id}::uuid and status <> 'draft'`,
  )) as unknown as EventRow[];
  return row ?? null;
}

export async function publishedEventsByIds(db: DbOrTx, ids: string[]): Promise<Map<string, EventRow>> {
  const rows = ids.length
    ? ((await db.execute(
        sql`select * from events where status <> 'draft' and id = any(${idArray(ids)})`,
      )) as unknown as EventRow[])
    : [];
  return new Map(rows.map((r) => [r.id, r]));
}

/** One event's registrations of active people (in the group, if any), after an id, in id order. */
export async function listRegistrationsOf(
  db: DbOrTx,
  groupId: string | null,
  eventId: string,
  o: { after: string | null; limit: number },
) {
  return (await db.execute(sql`select r.* from registrations r ${personIn(groupId, sql`r.person_id`)}
    where r.event_id = ${eventId}::uuid ${o.after ? sql`and r.id > ${o.after}::uuid` : sql``}
    order by r.id limit ${o.limit + 1}`)) as unknown as RegistrationRow[];
}

/** These registrations of published events and active people (in the group, if any), keyed by id. */
export async function registrationsByIds(
  db: DbOrTx,
  groupId: string | null,
  ids: string[],
): Promise<Map<string, RegistrationRow>> {
  const rows = ids.length
    ? ((await db.execute(
        sql`select r.* from registrations r join events e on e.id = r.event_id and e.status <> 'draft'
          ${personIn(groupId, sql`r.person_id`)} where r.id = any(${idArray(ids)})`,
      )) as unknown as RegistrationRow[])
    : [];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Which of these events are not drafts (they may be gone: only drafts are excluded). */
export async function draftEventsAmong(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = (await db.execute(
    sql`select id::text as id from events where status = 'draft' and id = any(${idArray(ids)})`,
  )) as unknown as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

/** Which of these people are active (and in the group, if any). */
export async function activePeopleAmong(
  db: DbOrTx,
  groupId: string | null,
  ids: string[],
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = (await db.execute(
    sql`select p.id::text as id from (select unnest(${idArray(ids)}) as id) x ${personIn(groupId, sql`x.id`)}`,
  )) as unknown as { id: string }[];
  return new Set(rows.map((r) => r.id));
}
