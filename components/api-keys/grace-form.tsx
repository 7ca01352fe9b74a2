"use client";
// The form shared by Roll key and Rotate signing secret: choose how long the old secret stays valid
// (values: lib/api/key-input.ts), submit, then show what the action returned in place of the form.
import { useActionState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { GraceChoice } from "@/lib/schemas/api-key";

export function GraceForm<S extends { error?: string }>({
  action,
  done,
  legend,
  noneLabel,
  defaultValue,
  submitLabel,
  pendingLabel,
}: {
  action: (prev: S, form: FormData) => Promise<S>;
  /** What replaces the form after a successful submit, or null to keep showing the form. */
  done: (state: S) => ReactNode | null;
  legend: string;
  noneLabel: string;
  defaultValue: GraceChoice;
  submitLabel: string;
  pendingLabel: string;
}) {
  const [state, formAction, pending] = useActionState<S, FormData>(action, {} as Awaited<S>);
  const result = done(state);
  if (result) return result;
  const choices: [GraceChoice, string][] = [
    ["none", noneLabel],
    ["1h", "1 hour"],
    ["24h", "24 hours"],
  ];
  return (
    <form action={formAction} className="space-y-3">
      {state.error && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">{legend}</legend>
        {choices.map(([value, label]) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="grace" value={value} defaultChecked={value === defaultValue} />
            {label}
          </label>
        ))}
      </fieldset>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  );
}
