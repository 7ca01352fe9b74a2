// Edit an event.
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getEvent } from "@/db/queries/events";
import { PageHeader } from "@/components/ui/page-header";
import { EventForm } from "@/components/records/event-form";
import { isStaff } from "@/lib/records/page-guard";
import { updateEventAction } from "../../actions";

export const metadata = { title: "Edit event" };

export default async function EditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await isStaff(`/events/${id}/edit`))) return null;
  const event = await getEvent(await getDb(), id);
  if (!event) notFound();
  return (
    <>
      <PageHeader title={`Edit ${event.name}`} />
      <EventForm action={updateEventAction.bind(null, id)} values={event} submitLabel="Save changes" />
    </>
  );
}
