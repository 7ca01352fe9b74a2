// Registering people for events: one registration per person and event, the waitlist once an event is
// full, and the person's group memberships decided with each write (lib/changes/membership-now.ts).
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/db/queries/changes";
import {
  deleteRegistration,
  findRegistration,
  insertRegistration,
  placesOf,
  updateRegistrationStatus,
  type Registration,
} from "@/db/queries/registrations";
import type { RegistrationStatus } from "@/db/schema";
import { decideMembershipsNow } from "@/lib/changes/membership-now";
import { AppError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";

export async function registerPerson(
  db: DbOrTx,
  input: { eventId: string; personId: string; status?: RegistrationStatus },
  actor: Actor,
): Promise<Registration> {
  if (!isUuid(input.eventId) || !isUuid(input.personId))
    throw new AppError("not_found", "That event or person does not exist.");
  if (await findRegistration(db, input.eventId, input.personId))
    throw new AppError("conflict", "This person is already registered for the event.", {
      fields: [{ field: "personId", message: "Already registered" }],
    });
  // A full event (registered + attended at capacity) puts new registrations on the waitlist.
  const places = await placesOf(db, input.eventId);
  const full = !!places && places.capacity !== null && places.taken >= places.capacity;
  const status = input.status ?? (full ? "waitlisted" : "registered");
  return insertRegistration(
    db,
    { eventId: input.eventId, personId: input.personId, status },
    actor,
    decideMembershipsNow,
  );
}

export const setRegistrationStatus = (db: DbOrTx, id: string, status: RegistrationStatus, actor: Actor) =>
  updateRegistrationStatus(db, id, status, actor, decideMembershipsNow);

export const removeRegistration = (db: DbOrTx, id: string, actor: Actor) =>
  deleteRegistration(db, id, actor, decideMembershipsNow);
