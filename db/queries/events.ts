// Events: reads for the staff screens and writes through the outbox (record type "event").
import { asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { EventInput } from "@/lib/schemas/admin";
import type { DbOrTx } from "../client";
import { events, registrations } from "../schema";
import type { Actor } from "./changes";
import { isUuid } from "@/lib/core/ids";
import { insertRecord, updateRecord } from "./record-writes";

export type Event = typeof events.$inferSelect;
export type EventListRow = Event & { registered: number; waitlisted: number };

/** Upcoming events soonest first, or past events latest first, with their registration counts. */
export async function listEvents(
  db: DbOrTx,
  opts: { when?: "upcoming" | "past"; limit?: number } = {},
): Promise<EventListRow[]> {
  const past = opts.when === "past";
  const counted = sql<number>`(select count(*)::int from ${registrations} r where r.event_id = ${events.id} and r.status in ('registered', 'attended'))`;
  const waiting = sql<number>`(select count(*)::int from ${registrations} r where r.event_id = ${events.id} and r.status = 'waitlisted')`;
  // An event counts as upcoming until it ends (or, without an end, until its start).
  const end = sql`coalesce(${events.endsAt}, ${events.startsAt})`;
  return db
    .select({ ...eventColumns, registered: counted, waitlisted: waiting })
    .from(events)
    .where(past ? lt(end, sql`now()`) : gte(end, sql`now()`))
    .orderBy(past ? desc(events.startsAt) : asc(events.startsAt))
    .limit(Math.min(opts.limit ?? 200, 500));
}

const eventColumns = {
  id: events.id,
  name: events.name,
  description: events.description,
  location: events.location,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  capacity: events.capacity,
  status: events.status,
  createdAt: events.createdAt,
  updatedAt: events.updatedAt,
  version: events.version,
};

export async function getEvent(db: DbOrTx, id: string): Promise<Event | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(events).where(eq(events.id, id));
  return row ?? null;
}

export function createEvent(db: DbOrTx, input: EventInput, actor: Actor) {
  return insertRecord<Event>(db, events, "event", input, actor);
}

export function updateEvent(db: DbOrTx, id: string, patch: Partial<EventInput>, actor: Actor) {
  return updateRecord<Event>(db, events, "event", id, () => patch, actor, { what: "Event" });
}
