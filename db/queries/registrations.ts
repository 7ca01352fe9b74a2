// Registrations: who signed up for which event, with a status. Rows go through the outbox (record type
// "registration"); removing one appends a "deleted" change. The rules (one per person and event, the
// waitlist when full) are lib/records/registrations.ts.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { AppError } from "@/lib/core/errors";
import type { DbOrTx } from "../client";
import { events, people, registrations, type RegistrationStatus } from "../schema";
import { recordChange, type Actor } from "./changes";
import { insertRecord, snapshotOf, updateRecord, type AfterWrite } from "./record-writes";

export type Registration = typeof registrations.$inferSelect;

export function listEventRegistrations(db: DbOrTx, eventId: string) {
  return db
    .select({
      id: registrations.id,
      personId: registrations.personId,
      status: registrations.status,
      registeredAt: registrations.registeredAt,
      firstName: people.firstName,
      lastName: people.lastName,
      email: people.email,
      active: people.active,
    })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(eq(registrations.eventId, eventId))
    .orderBy(asc(sql`lower(${people.lastName})`), asc(sql`lower(${people.firstName})`));
}

export function listPersonRegistrations(db: DbOrTx, personId: string) {
  return db
    .select({
      id: registrations.id,
      eventId: events.id,
      eventName: events.name,
      startsAt: events.startsAt,
      status: registrations.status,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(eq(registrations.personId, personId))
    .orderBy(desc(events.startsAt));
}

/** The person's registration for the event, if any. */
export async function findRegistration(db: DbOrTx, eventId: string, personId: string) {
  const [row] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.personId, personId)));
  return row ?? null;
}

/** An event's capacity and how many places are taken (registered + attended). */
export async function placesOf(db: DbOrTx, eventId: string) {
  const [row] = (await db.execute(sql`
    select e.capacity, (select count(*)::int from registrations r
      where r.event_id = e.id and r.status in ('registered', 'attended')) as taken
    from events e where e.id = ${eventId}`)) as unknown as { capacity: number | null; taken: number }[];
  return row ?? null;
}

/** Inserts a registration (already decided) with its outbox row; a missing event or person is not_found. */
export async function insertRegistration(
  db: DbOrTx,
  values: { eventId: string; personId: string; status: RegistrationStatus },
  actor: Actor,
  afterWrite: AfterWrite,
): Promise<Registration> {
  try {
    return await insertRecord<Registration>(db, registrations, "registration", values, actor, afterWrite);
  } catch (e) {
    const c = ((e as { cause?: unknown }).cause ?? e) as { code?: string };
    if (c.code === "23503") throw new AppError("not_found", "That event or person does not exist.");
    if (c.code === "23505")
      throw new AppError("conflict", "This person is already registered for the event.");
    throw e;
  }
}

export function updateRegistrationStatus(
  db: DbOrTx,
  id: string,
  status: RegistrationStatus,
  actor: Actor,
  afterWrite: AfterWrite,
) {
  return updateRecord<Registration>(db, registrations, "registration", id, () => ({ status }), actor, {
    what: "Registration",
    afterWrite,
  });
}

export function deleteRegistration(db: DbOrTx, id: string, actor: Actor, afterWrite: AfterWrite) {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(registrations).where(eq(registrations.id, id)).returning();
    if (!row) throw new AppError("not_found", `Registration ${id} was not found.`);
    const before = snapshotOf(row);
    const cursor = await recordChange(tx, {
      recordType: "registration",
      recordId: id,
      op: "deleted",
      before,
      after: null,
      actor,
    });
    if (cursor !== null) await afterWrite(tx, { recordType: "registration", id, cursor, before, row: null });
    return row;
  });
}
