"use client";
// Create / edit a membership type.
import { ActionForm, AreaF, SelectF, TextF, type FormAction } from "./form-kit";

export function MembershipTypeForm({
  action,
  values = {},
  submitLabel,
}: {
  action: FormAction;
  values?: { name?: string; description?: string; appliesTo?: string; graceDays?: number };
  submitLabel: string;
}) {
  return (
    <ActionForm action={action} submitLabel={submitLabel} ariaLabel="Membership type">
      <div className="grid gap-4 sm:grid-cols-3">
        <TextF name="name" label="Name" required defaultValue={values.name} />
        <SelectF
          name="appliesTo"
          label="Applies to"
          defaultValue={values.appliesTo ?? "both"}
          options={[
            { value: "person", label: "People" },
            { value: "company", label: "Companies" },
            { value: "both", label: "People and companies" },
          ]}
        />
        <TextF
          name="graceDays"
          label="Grace days"
          type="number"
          min={0}
          defaultValue={values.graceDays ?? 30}
          hint="Days after expiry that still count as a grace period."
        />
      </div>
      <AreaF name="description" label="Description" defaultValue={values.description} />
    </ActionForm>
  );
}
