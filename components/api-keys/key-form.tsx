"use client";
// Add / Edit API key, point by point as the seed describes: name, webhook URLs, access, signup protection,
// and Limit Member Data with one group and field checkboxes (identity fields checked and locked).
import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select, TextArea, TextInput } from "@/components/ui/field";
import { memberFieldCatalogue } from "@/lib/schemas/member-fields";
import type { KeyFormState } from "./form-states";

export type KeyFormValues = {
  name: string;
  eventAccess: boolean;
  memberAccess: boolean;
  followSignupProtection: boolean;
  limitMemberData: boolean;
  groupId: string | null;
  memberFields: string[];
  customFieldKeys: string[];
  rateLimitPerSecond: number | null;
  rateLimitPerMinute: number | null;
  webhookUrls: string[];
};

export const newKeyValues: KeyFormValues = {
  name: "",
  eventAccess: true,
  memberAccess: true,
  followSignupProtection: false,
  limitMemberData: false,
  groupId: null,
  memberFields: [],
  customFieldKeys: [],
  rateLimitPerSecond: 20,
  rateLimitPerMinute: 600,
  webhookUrls: [],
};

function Check({
  name,
  value,
  label,
  checked,
  disabled,
}: {
  name: string;
  value?: string;
  label: string;
  checked: boolean;
  disabled?: boolean;
}) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-800">
      <input
        type="checkbox"
        name={disabled ? undefined : name}
        value={value ?? "on"}
        defaultChecked={checked}
        disabled={disabled}
      />
      {label}
      {disabled && <span className="text-xs text-slate-500">(always included)</span>}
    </label>
  );
}

export function KeyForm({
  action,
  values,
  groups,
  customFields,
  submitLabel,
}: {
  action: (prev: KeyFormState, form: FormData) => Promise<KeyFormState>;
  values: KeyFormValues;
  groups: { id: string; name: string }[];
  customFields: { key: string; label: string; entity: string }[];
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const [limit, setLimit] = useState(values.limitMemberData);
  const f = state.fields ?? {};
  // Every bad URL, each named by its line (the server checks them all).
  const urlError =
    Object.entries(f)
      .filter(([k]) => k.startsWith("webhookUrls"))
      .map(([k, message]) => `Line ${Number(k.split(".")[1] ?? 0) + 1}: ${message}`)
      .join(" ") || undefined;
  return (
    <form
      className="max-w-2xl space-y-6"
      noValidate
      // Submitted by hand, not through `action`: React resets a form after its action runs, which would
      // blank what was typed whenever the server refuses it.
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <Field
        id="name"
        label="Name"
        hint="Who or what this key is for, e.g. the partner association"
        error={f.name}
      >
        <TextInput id="name" name="name" defaultValue={values.name} required error={f.name} />
      </Field>
      <Field
        id="webhookUrls"
        label="Webhook endpoint URL(s)"
        hint="Optional. One https:// URL per line."
        error={urlError}
      >
        <TextArea
          id="webhookUrls"
          name="webhookUrls"
          defaultValue={values.webhookUrls.join("\n")}
          rows={3}
          error={urlError}
        />
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Provide access to</legend>
        <Check name="eventAccess" label="Event data" checked={values.eventAccess} />
        <Check name="memberAccess" label="Membership data" checked={values.memberAccess} />
      </fieldset>
      <Check
        name="followSignupProtection"
        label="Follow Company Signup Protection Rules (people created through the API)"
        checked={values.followSignupProtection}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Rate limit</legend>
        <div className="flex gap-4">
          <Field
            id="rateLimitPerSecond"
            label="Requests per second (empty = none)"
            error={f.rateLimitPerSecond}
          >
            <TextInput
              id="rateLimitPerSecond"
              name="rateLimitPerSecond"
              inputMode="numeric"
              defaultValue={values.rateLimitPerSecond ?? ""}
              error={f.rateLimitPerSecond}
            />
          </Field>
          <Field
            id="rateLimitPerMinute"
            label="Requests per minute (empty = none)"
            error={f.rateLimitPerMinute}
          >
            <TextInput
              id="rateLimitPerMinute"
              name="rateLimitPerMinute"
              inputMode="numeric"
              defaultValue={values.rateLimitPerMinute ?? ""}
              error={f.rateLimitPerMinute}
            />
          </Field>
        </div>
      </fieldset>
      <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <input
          type="checkbox"
          name="limitMemberData"
          checked={limit}
          onChange={(e) => setLimit(e.target.checked)}
        />
        Limit Member Data
      </label>
      {limit && (
        <div className="space-y-4 rounded-md border border-slate-200 p-4">
          <Field
            id="groupId"
            label="Available group"
            hint="Records outside it are invisible to the key. No group = every record."
            error={f.groupId}
          >
            <Select id="groupId" name="groupId" defaultValue={values.groupId ?? ""} error={f.groupId}>
              <option value="">Every record</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </Select>
          </Field>
          <fieldset className="grid grid-cols-1 gap-1 sm:grid-cols-2">
            <legend className="mb-1 text-sm font-medium text-slate-700">Member fields</legend>
            {memberFieldCatalogue.map((m) => (
              <Check
                key={m.key}
                name="memberFields"
                value={m.key}
                label={m.label}
                checked={!!m.locked || values.memberFields.includes(m.key)}
                disabled={m.locked}
              />
            ))}
          </fieldset>
          <fieldset className="grid grid-cols-1 gap-1 sm:grid-cols-2">
            <legend className="mb-1 text-sm font-medium text-slate-700">Custom fields</legend>
            {customFields.length === 0 && <p className="text-sm text-slate-600">No custom fields yet.</p>}
            {[...new Map(customFields.map((c) => [c.key, c])).values()].map((c) => (
              <Check
                key={c.key}
                name="customFieldKeys"
                value={c.key}
                label={c.label}
                checked={values.customFieldKeys.includes(c.key)}
              />
            ))}
          </fieldset>
        </div>
      )}
      <div className="flex items-center gap-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <Link className="text-brand-700 underline" href="/settings/api-keys">
          Cancel
        </Link>
      </div>
    </form>
  );
}
