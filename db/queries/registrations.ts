// Registrations: who signed up for which event, with a status. Writes go through the outbox
// (record type "registration"); removing one appends a "deleted" change.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { AppError } from "@/lib/core/errors";
import type { DbOrTx } from "../client";
import { events, people, registrations, type RegistrationStatus } from "../schema";
import { recordChange, type Actor } from "./changes";
import { isUuid } from "@/lib/core/ids";
import { insertRecord, snapshotOf, updateRecord } from "./record-writes";

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

export async function registerPerson(
  db: DbOrTx,
  input: { eventId: string; personId: string; status?: RegistrationStatus },
  actor: Actor,
): Promise<Registration> {
  if (!isUuid(input.eventId) || !isUuid(input.personId))
    throw new AppError("not_found", "That event or person does not exist.");
  const [existing] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, input.eventId), eq(registrations.personId, input.personId)));
  if (existing)
    throw new AppError("conflict", "This person is already registered for the event.", {
      fields: [{ field: "personId", message: "Already registered" }],
    });
  const status = input.status ?? ((await isFull(db, input.eventId)) ? "waitlisted" : "registered");
  try {
    return await insertRecord<Registration>(
      db,
      registrations,
      "registration",
      { eventId: input.eventId, personId: input.personId, status },
      actor,
    );
  } catch (e) {
    const c = ((e as { cause?: unknown }).cause ?? e) as { code?: string };
    if (c.code === "23503") throw new AppError("not_found", "That event or person does not exist.");
    if (c.code === "23505")
      throw new AppError("conflict", "This person is already registered for the event.");
    throw e;
  }
}

/** A full event (registered + attended at capacity) puts new registrations on the waitlist. */
async function isFull(db: DbOrTx, eventId: string): Promise<boolean> {
  const [row] = (await db.execute(sql`
    select e.capacity, (select count(*)::int from registrations r
      where r.event_id = e.id and r.status in ('registered', 'attended')) as taken
    from events e where e.id = ${eventId}`)) as unknown as { capacity: number | null; taken: number }[];
  return !!row && row.capacity !== null && row.taken >= row.capacity;
}

export function setRegistrationStatus(db: DbOrTx, id: string, status: RegistrationStatus, actor: Actor) {
  return updateRecord<Registration>(db, registrations, "registration", id, () => ({ status }), actor, {
    what: "Registration",
  });
}

export function removeRegistration(db: DbOrTx, id: string, actor: Actor) {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(registrations).where(eq(registrations.id, id)).returning();
    if (!row) throw new AppError("not_found", `Registration ${id} was not found.`);
    await recordChange(tx, {
      recordType: "registration",
      recordId: id,
      op: "deleted",
      before: snapshotOf(row),
      after: null,
      actor,
    });
    return row;
  });
}
