"use client";
// Rotate an endpoint's signing secret: the new secret is shown; the old one keeps signing too (both
// signatures on every delivery) for the grace period chosen, so the receiver can switch without a gap.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { TestEventState } from "@/app/(admin)/settings/api-keys/actions";

const choices = [
  ["none", "No overlap: sign with the new secret only"],
  ["1h", "1 hour"],
  ["24h", "24 hours"],
] as const;

export function RotateSecret({
  action,
}: {
  action: (prev: TestEventState, form: FormData) => Promise<TestEventState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.secret)
    return (
      <div role="status" className="space-y-1 text-sm">
        <p>New signing secret (give it to the receiver):</p>
        <code data-testid="rotated-secret" className="block break-all rounded bg-slate-100 p-2 text-xs">
          {state.secret}
        </code>
      </div>
    );
  return (
    <form action={formAction} className="space-y-3">
      {state.error && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Keep signing with the old secret too for</legend>
        {choices.map(([value, label]) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="grace" value={value} defaultChecked={value === "24h"} />
            {label}
          </label>
        ))}
      </fieldset>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Rotating…" : "Rotate secret"}
      </Button>
    </form>
  );
}
