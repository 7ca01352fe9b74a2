"use server";
// Staff actions on events and their registrations (re-checked by adminAction; writes go through the outbox).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createEvent, updateEvent } from "@/db/queries/events";
import { registerPerson, removeRegistration, setRegistrationStatus } from "@/lib/records/registrations";
import { fromZodError } from "@/lib/core/errors";
import { adminAction, adminCommand, type FormState } from "@/lib/records/admin-action";
import { eventInputSchema, registrationStatusSchema } from "@/lib/schemas/admin";
import { optional, text } from "@/lib/records/form-data";

function parseEvent(form: FormData) {
  const parsed = eventInputSchema.safeParse({
    name: text(form, "name"),
    description: text(form, "description"),
    location: text(form, "location"),
    startsAt: text(form, "startsAt"),
    endsAt: optional(form, "endsAt"),
    capacity: optional(form, "capacity"),
    status: text(form, "status") || undefined,
  });
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
}

export async function createEventAction(_prev: FormState, form: FormData): Promise<FormState> {
  let id = "";
  const state = await adminAction(async ({ db, actor }) => {
    id = (await createEvent(db, parseEvent(form), actor)).id;
  });
  if (state.error) return state;
  redirect(`/events/${id}`);
}

export async function updateEventAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await adminAction(async ({ db, actor }) => {
    await updateEvent(db, id, parseEvent(form), actor);
  });
  if (state.error) return state;
  revalidatePath(`/events/${id}`);
  redirect(`/events/${id}`);
}

export async function registerPersonAction(
  eventId: string,
  personId: string,
  _prev: FormState,
): Promise<FormState> {
  const state = await adminAction(async ({ db, actor }) => {
    const r = await registerPerson(db, { eventId, personId }, actor);
    return { notice: r.status === "waitlisted" ? "Added to the waitlist (event full)." : "Registered." };
  });
  if (!state.error) revalidatePath(`/events/${eventId}`);
  return state;
}

export async function setRegistrationStatusAction(
  eventId: string,
  registrationId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const state = await adminAction(async ({ db, actor }) => {
    const parsed = registrationStatusSchema.safeParse(text(form, "status"));
    if (!parsed.success) throw fromZodError(parsed.error, "status");
    await setRegistrationStatus(db, registrationId, parsed.data, actor);
    return { notice: "Saved." };
  });
  if (!state.error) revalidatePath(`/events/${eventId}`);
  return state;
}

export async function removeRegistrationAction(
  eventId: string,
  registrationId: string,
): Promise<string | void> {
  const error = await adminCommand(({ db, actor }) => removeRegistration(db, registrationId, actor));
  if (error) return error;
  revalidatePath(`/events/${eventId}`);
}
