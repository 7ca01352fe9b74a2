"use client";
// Create / edit an event. Times are entered and shown in UTC.
import { ActionForm, AreaF, SelectF, TextF, type FormAction } from "./form-kit";

/** A Date as the value of a datetime-local input, in UTC. */
const local = (d: Date | null | undefined) => (d ? new Date(d).toISOString().slice(0, 16) : "");

export function EventForm({
  action,
  values,
  submitLabel,
}: {
  action: FormAction;
  values?: {
    name: string;
    description: string;
    location: string | null;
    startsAt: Date;
    endsAt: Date | null;
    capacity: number | null;
    status: string;
  };
  submitLabel: string;
}) {
  return (
    <ActionForm action={action} submitLabel={submitLabel} ariaLabel="Event">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextF name="name" label="Name" required defaultValue={values?.name} />
        <TextF name="location" label="Location" defaultValue={values?.location} />
        <TextF
          name="startsAt"
          label="Starts (UTC)"
          type="datetime-local"
          required
          defaultValue={local(values?.startsAt)}
        />
        <TextF name="endsAt" label="Ends (UTC)" type="datetime-local" defaultValue={local(values?.endsAt)} />
        <TextF
          name="capacity"
          label="Capacity"
          type="number"
          min={1}
          defaultValue={values?.capacity}
          hint="Leave empty for no limit. When full, new registrations join the waitlist."
        />
        <SelectF
          name="status"
          label="Status"
          defaultValue={values?.status ?? "published"}
          options={[
            { value: "draft", label: "Draft" },
            { value: "published", label: "Published" },
            { value: "cancelled", label: "Cancelled" },
          ]}
        />
      </div>
      <AreaF name="description" label="Description" defaultValue={values?.description} />
    </ActionForm>
  );
}
