"use client";
// Create / edit a custom field definition. The record type, key and field type are fixed once created,
// because stored values live under the key and were checked against the type.
import { fieldTypeLabels } from "./custom-field-labels";
import { ActionForm, AreaF, CheckF, SelectF, TextF, type FormAction } from "./form-kit";

export function CustomFieldForm({
  action,
  values,
  submitLabel,
}: {
  action: FormAction;
  values?: {
    entity: string;
    key: string;
    label: string;
    type: string;
    choices: string[];
    required: boolean;
    memberEditable: boolean;
    sortOrder: number;
  };
  submitLabel: string;
}) {
  const creating = !values;
  return (
    <ActionForm action={action} submitLabel={submitLabel} ariaLabel="Custom field">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextF name="label" label="Label" required defaultValue={values?.label} />
        {creating ? (
          <>
            <TextF
              name="key"
              label="Key"
              hint="Where values are stored and how the API names the field. Leave empty to derive it from the label."
            />
            <SelectF
              name="entity"
              label="Record type"
              defaultValue="person"
              options={[
                { value: "person", label: "People" },
                { value: "company", label: "Companies" },
              ]}
            />
            <SelectF
              name="type"
              label="Field type"
              defaultValue="text"
              options={Object.entries(fieldTypeLabels).map(([value, label]) => ({ value, label }))}
            />
          </>
        ) : (
          <p className="text-sm text-slate-700">
            Key <code>{values.key}</code> · {values.entity === "person" ? "People" : "Companies"} ·{" "}
            {fieldTypeLabels[values.type]}
          </p>
        )}
        <TextF
          name="sortOrder"
          label="Sort order"
          type="number"
          min={0}
          defaultValue={values?.sortOrder ?? 0}
        />
      </div>
      <AreaF
        name="choices"
        label="Choices"
        hint="For single and multiple choice fields: one choice per line."
        defaultValue={values?.choices.join("\n")}
      />
      <CheckF name="required" label="Required" defaultChecked={values?.required} />
      <CheckF
        name="memberEditable"
        label="Members can edit their own value"
        hint="Shown as editable in the member portal."
        defaultChecked={values?.memberEditable}
      />
    </ActionForm>
  );
}
