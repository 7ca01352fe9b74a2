"use client";
// One input per custom field definition, fitting its type. Inputs are named "custom.<key>".
import type { CustomValues } from "@/lib/schemas/records";
import { ChecklistF, SelectF, TextF } from "./form-kit";

export type CustomFieldView = {
  key: string;
  label: string;
  type: string;
  choices: string[];
  required: boolean;
};

export function CustomFieldInputs({
  fields,
  values = {},
}: {
  fields: CustomFieldView[];
  values?: CustomValues;
}) {
  if (fields.length === 0) return null;
  return (
    <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-800">Custom fields</legend>
      {fields.map((f) => {
        const name = `custom.${f.key}`;
        const v = values[f.key];
        const common = { name, label: f.label, required: f.required };
        switch (f.type) {
          case "number":
            return <TextF key={f.key} {...common} type="number" step="any" defaultValue={v as number} />;
          case "date":
            return <TextF key={f.key} {...common} type="date" defaultValue={v as string} />;
          case "boolean":
            return (
              <SelectF
                key={f.key}
                {...common}
                empty="Not set"
                defaultValue={v === true ? "true" : v === false ? "false" : ""}
                options={[
                  { value: "true", label: "Yes" },
                  { value: "false", label: "No" },
                ]}
              />
            );
          case "single_choice":
            return (
              <SelectF
                key={f.key}
                {...common}
                empty="Not set"
                defaultValue={(v as string) ?? ""}
                options={f.choices.map((c) => ({ value: c, label: c }))}
              />
            );
          case "multiple_choice":
            return (
              <ChecklistF
                key={f.key}
                {...common}
                options={f.choices}
                defaultValue={Array.isArray(v) ? v : []}
              />
            );
          default:
            return <TextF key={f.key} {...common} defaultValue={(v as string) ?? ""} />;
        }
      })}
    </fieldset>
  );
}
