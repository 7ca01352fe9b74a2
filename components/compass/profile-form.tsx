"use client";
// The member's profile form: only editable fields are inputs (the server re-checks every one).
import { useActionState } from "react";
import { Field, Select, TextArea, TextInput } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import type { CustomValues } from "@/lib/schemas/records";

/** What the profile page's save action returns. */
export type ProfileState = { ok?: boolean; error?: string; fieldErrors?: Record<string, string> };

type Def = { key: string; label: string; type: string; choices: string[]; required: boolean };
const textFields = {
  first_name: { name: "firstName", label: "First name", type: "text", auto: "given-name" },
  last_name: { name: "lastName", label: "Last name", type: "text", auto: "family-name" },
  phone: { name: "phone", label: "Phone", type: "tel", auto: "tel" },
  job_title: { name: "jobTitle", label: "Job title", type: "text", auto: "organization-title" },
  profile_image_url: { name: "profileImageUrl", label: "Profile image URL", type: "url", auto: "photo" },
} as const;
const networks = ["website", "linkedin", "twitter", "facebook", "instagram"] as const;
const networkLabel = {
  website: "Website",
  linkedin: "LinkedIn",
  twitter: "X / Twitter",
  facebook: "Facebook",
  instagram: "Instagram",
};

export function ProfileForm(props: {
  fields: string[];
  custom: Def[];
  values: Record<string, string>;
  social: Partial<Record<string, string>>;
  customValues: CustomValues;
  action: (prev: ProfileState, form: FormData) => Promise<ProfileState>;
}) {
  const [state, action, pending] = useActionState<ProfileState, FormData>(props.action, {});
  const err = (f: string) => state.fieldErrors?.[f];
  const has = (f: string) => props.fields.includes(f);
  if (props.fields.length === 0 && props.custom.length === 0)
    return (
      <p className="text-sm text-slate-600">Staff manage all of your details. Contact them for changes.</p>
    );
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      {state.ok && (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
          Your profile was saved.
        </p>
      )}
      {(Object.keys(textFields) as (keyof typeof textFields)[]).filter(has).map((f) => {
        const d = textFields[f];
        return (
          <Field key={f} id={d.name} label={d.label} error={err(d.name)}>
            <TextInput
              id={d.name}
              name={d.name}
              type={d.type}
              autoComplete={d.auto}
              defaultValue={props.values[d.name]}
              error={err(d.name)}
            />
          </Field>
        );
      })}
      {has("bio") && (
        <Field id="bio" label="About you" error={err("bio")}>
          <TextArea id="bio" name="bio" defaultValue={props.values.bio} error={err("bio")} />
        </Field>
      )}
      {has("social_links") && (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-700">Social links</legend>
          {networks.map((n) => (
            <Field key={n} id={`social-${n}`} label={networkLabel[n]} error={err(`social.${n}`)}>
              <TextInput
                id={`social-${n}`}
                name={`social.${n}`}
                type="url"
                placeholder="https://…"
                defaultValue={props.social[n] ?? ""}
                error={err(`social.${n}`)}
              />
            </Field>
          ))}
        </fieldset>
      )}
      {props.custom.map((d) => (
        <CustomInput key={d.key} def={d} value={props.customValues[d.key]} error={err(`custom.${d.key}`)} />
      ))}
      <button type="submit" className={buttonClass("primary")} disabled={pending}>
        {pending ? "Saving…" : "Save profile"}
      </button>
    </form>
  );
}

function CustomInput({
  def,
  value,
  error,
}: {
  def: Def;
  value: CustomValues[string] | undefined;
  error?: string;
}) {
  const id = `custom-${def.key}`;
  const name = `custom.${def.key}`;
  const label = def.required ? `${def.label} (required)` : def.label;
  if (def.type === "multiple_choice") {
    const selected = Array.isArray(value) ? value : [];
    return (
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{label}</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {def.choices.map((c) => (
            <label key={c} className="flex items-center gap-1 text-sm">
              <input type="checkbox" name={name} value={c} defaultChecked={selected.includes(c)} /> {c}
            </label>
          ))}
        </div>
        {error && (
          <p role="alert" className="text-xs text-red-700">
            {error}
          </p>
        )}
      </fieldset>
    );
  }
  if (def.type === "single_choice" || def.type === "boolean") {
    const options =
      def.type === "boolean"
        ? [
            ["true", "Yes"],
            ["false", "No"],
          ]
        : def.choices.map((c) => [c, c]);
    return (
      <Field id={id} label={label} error={error}>
        <Select
          id={id}
          name={name}
          defaultValue={value === null || value === undefined ? "" : String(value)}
          error={error}
        >
          <option value="">—</option>
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </Select>
      </Field>
    );
  }
  const type = def.type === "number" ? "number" : def.type === "date" ? "date" : "text";
  return (
    <Field id={id} label={label} error={error}>
      <TextInput
        id={id}
        name={name}
        type={type}
        defaultValue={value === null || value === undefined ? "" : String(value)}
        error={error}
      />
    </Field>
  );
}
