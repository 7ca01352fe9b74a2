"use client";
// Roll key: a new key is shown once; the old one keeps working for the grace period chosen.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { KeyFormState } from "@/app/(admin)/settings/api-keys/actions";
import { SecretOnce } from "./secret-once";

const choices = [
  ["none", "No grace: the old key stops now"],
  ["1h", "1 hour"],
  ["24h", "24 hours"],
] as const;

export function RollKey({
  action,
}: {
  action: (prev: KeyFormState, form: FormData) => Promise<KeyFormState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.created) return <SecretOnce id={state.created.id} secret={state.created.secret} />;
  return (
    <form action={formAction} className="space-y-3">
      {state.error && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Keep the old key working for</legend>
        {choices.map(([value, label]) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="grace" value={value} defaultChecked={value === "1h"} />
            {label}
          </label>
        ))}
      </fieldset>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Rolling…" : "Roll key"}
      </Button>
    </form>
  );
}
