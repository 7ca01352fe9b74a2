"use client";
// Mobilize credentials form. Save stays disabled until Test connection passed with the values as they
// are now (any edit disables it again); the server tests once more on save.
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import type { MobilizeSettingsInput, TestOutcome } from "@/lib/connectors/mobilize/settings";

type Initial = {
  baseUrl: string;
  companyField: string;
  jobTitleField: string;
  updateUserMethod: string;
} & Record<(typeof guessed)[number][0], string>;

/** API details Mobilize does not document (external-apis.md [G]): the guesses are the defaults. */
const guessed = [
  ["pageSize", "Page size for lists", "Mobilize's maximum is undocumented; paging never relies on it."],
  ["bulkAddPath", "Bulk add path", "{id} = the group. Empty = add members one by one."],
  ["bulkBodyKey", "Bulk body property", "The JSON array property of a bulk add."],
  ["addMemberPath", "Add one member path", "{group} = the group."],
  ["memberPath", "One membership path (read, remove)", "{group}, {user}."],
  ["createUserPath", "Create user path", ""],
  ["updateUserPath", "Update user path", "{user} = Mobilize's user id."],
] as const;

export function MobilizeSettingsForm({
  connected,
  initial,
  test,
  save,
}: {
  connected: boolean;
  initial: Initial;
  test: (input: MobilizeSettingsInput) => Promise<TestOutcome>;
  save: (input: MobilizeSettingsInput) => Promise<TestOutcome>;
}) {
  const [values, setValues] = useState({ ...initial, apiKey: "", apiSecret: "" });
  const [tested, setTested] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const [pending, start] = useTransition();
  const snapshot = JSON.stringify(values);
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setValues((v) => ({ ...v, [k]: e.target.value }));
    setOutcome(null);
  };
  const fieldError = (f: string) =>
    outcome && !outcome.ok && outcome.field === f ? outcome.message : undefined;
  const secretHint = connected
    ? "Leave empty to keep the stored value (it is never shown); re-enter it when you change the base URL."
    : undefined;

  return (
    <form
      className="grid max-w-xl gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => setOutcome(await save(values as MobilizeSettingsInput)));
      }}
    >
      <Field id="mz-key" label="API key" hint={secretHint} error={fieldError("apiKey")}>
        <TextInput
          id="mz-key"
          autoComplete="off"
          value={values.apiKey}
          onChange={set("apiKey")}
          required={!connected}
        />
      </Field>
      <Field id="mz-secret" label="API secret" hint={secretHint} error={fieldError("apiSecret")}>
        <TextInput
          id="mz-secret"
          type="password"
          autoComplete="new-password"
          value={values.apiSecret}
          onChange={set("apiSecret")}
          required={!connected}
        />
      </Field>
      <Field
        id="mz-url"
        label="Base URL"
        hint="Mobilize's API address; change it only for a test server."
        error={fieldError("baseUrl")}
      >
        <TextInput id="mz-url" value={values.baseUrl} onChange={set("baseUrl")} required />
      </Field>
      <div className="grid grid-cols-2 gap-4">
        <Field id="mz-company" label="Company name → Mobilize field key" error={fieldError("companyField")}>
          <TextInput id="mz-company" value={values.companyField} onChange={set("companyField")} />
        </Field>
        <Field id="mz-title" label="Job title → Mobilize field key" error={fieldError("jobTitleField")}>
          <TextInput id="mz-title" value={values.jobTitleField} onChange={set("jobTitleField")} />
        </Field>
      </div>
      <details className="rounded-md border border-slate-200 p-3">
        <summary className="cursor-pointer text-sm font-medium">
          Advanced: API details Mobilize does not document
        </summary>
        <p className="mt-2 text-xs text-slate-600">
          Change these only if your Mobilize tenant answers differently (a 404 or 405 in the sync log).
          Unknown answers degrade safely: bulk falls back to one-by-one, and a 405 on update tries the other
          method.
        </p>
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          {guessed.map(([k, label, hint]) => (
            <Field key={k} id={`mz-${k}`} label={label} hint={hint || undefined} error={fieldError(k)}>
              <TextInput id={`mz-${k}`} value={String(values[k])} onChange={set(k)} />
            </Field>
          ))}
          <Field id="mz-updateUserMethod" label="Update user method" error={fieldError("updateUserMethod")}>
            <select
              id="mz-updateUserMethod"
              className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
              value={String(values.updateUserMethod)}
              onChange={(e) => {
                setValues((v) => ({ ...v, updateUserMethod: e.target.value }));
                setOutcome(null);
              }}
            >
              <option value="PUT">PUT</option>
              <option value="PATCH">PATCH</option>
            </select>
          </Field>
        </div>
      </details>
      <div className="flex items-center gap-3">
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await test(values as MobilizeSettingsInput);
              setOutcome(r);
              setTested(r.ok ? snapshot : null);
            })
          }
        >
          {pending ? "Working…" : "Test connection"}
        </Button>
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white disabled:bg-slate-400"
          disabled={pending || tested !== snapshot}
        >
          Save
        </button>
        {tested !== snapshot && (
          <span className="text-xs text-slate-600">Test the connection before saving.</span>
        )}
      </div>
      <p
        role="status"
        aria-live="polite"
        className={`text-sm ${outcome?.ok ? "text-green-700" : "text-red-700"}`}
      >
        {outcome?.message}
      </p>
    </form>
  );
}
