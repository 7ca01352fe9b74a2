// Events and registrations for keys with event access. Drafts are staff-only; a registration is shown
// only when its person is in the key's member scope (else it would reveal an out-of-scope person's id).
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { decodeCursor, encodeCursor } from "@/lib/core/cursor";
import { isUuid, UUID } from "@/lib/core/ids";
import type { ResolvedKey } from "./key-cache";

type Scope = Pick<ResolvedKey, "limitMemberData" | "groupId">;
const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
const encode = (id: string) => encodeCursor("e", [id]);
const decode = (cursor: string | undefined) => decodeCursor(cursor, "e", [UUID])?.[0] ?? null;

type EventRow = Record<string, unknown> & { id: string };
export const eventWireOf = (r: EventRow) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  location: r.location ?? null,
  starts_at: iso(r.starts_at),
  ends_at: iso(r.ends_at),
  capacity: r.capacity ?? null,
  status: r.status,
  updated_at: iso(r.updated_at),
});

export async function listEventsForApi(db: DbOrTx, o: { limit: number; cursor?: string }) {
  const after = decode(o.cursor);
  const rows = (await db.execute(sql`select * from events where status <> 'draft'
    ${after ? sql`and id > ${after}::uuid` : sql``} order by id limit ${o.limit + 1}`)) as unknown as EventRow[];
  const page = rows.slice(0, o.limit);
  return {
    data: page.map(eventWireOf),
    next_cursor: rows.length > o.limit ? encode(page[page.length - 1].id) : null,
  };
}

export async function getEventForApi(db: DbOrTx, id: string) {
  if (!isUuid(id)) return null;
  const [row] = (await db.execute(
    sql`select * from events where id = ${id}::uuid and status <> 'draft'`,
  )) as unknown as EventRow[];
  return row ? eventWireOf(row) : null;
}

export async function listRegistrationsForApi(
  db: DbOrTx,
  key: Scope,
  eventId: string,
  o: { limit: number; cursor?: string },
) {
  const after = decode(o.cursor);
  const g = key.limitMemberData && key.groupId ? key.groupId : null;
  const rows =
    (await db.execute(sql`select r.* from registrations r join people p on p.id = r.person_id and p.active
    ${g ? sql`join group_members gm on gm.group_id = ${g} and gm.record_type = 'person' and gm.record_id = r.person_id` : sql``}
    where r.event_id = ${eventId}::uuid ${after ? sql`and r.id > ${after}::uuid` : sql``}
    order by r.id limit ${o.limit + 1}`)) as unknown as EventRow[];
  const page = rows.slice(0, o.limit);
  return {
    data: page.map((r) => ({
      id: r.id,
      event_id: r.event_id,
      person_id: r.person_id,
      status: r.status,
      registered_at: iso(r.registered_at),
      updated_at: iso(r.updated_at),
    })),
    next_cursor: rows.length > o.limit ? encode(page[page.length - 1].id) : null,
  };
}
