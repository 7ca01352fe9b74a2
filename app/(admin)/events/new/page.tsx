// Create an event.
import { PageHeader } from "@/components/ui/page-header";
import { EventForm } from "@/components/records/event-form";
import { isStaff } from "@/lib/records/page-guard";
import { createEventAction } from "../actions";

export const metadata = { title: "Add event" };

export default async function NewEventPage() {
  if (!(await isStaff("/events/new"))) return null;
  return (
    <>
      <PageHeader title="Add event" />
      <EventForm action={createEventAction} submitLabel="Create event" />
    </>
  );
}
