"use client";
// Mobilize credentials form. Save stays disabled until Test connection passed with the values as they
// are now (any edit disables it again); the server tests once more on save.
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import type { MobilizeSettingsInput, TestOutcome } from "@/lib/connectors/mobilize/settings";

type Initial = { baseUrl: string; companyField: string; jobTitleField: string };

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
        start(async () => setOutcome(await save(values)));
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
      <div className="flex items-center gap-3">
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await test(values);
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
