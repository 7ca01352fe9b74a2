"use client";
// Rotate an endpoint's signing secret: the new secret is shown; the old one keeps signing too (both
// signatures on every delivery) for the grace period chosen, so the receiver can switch without a gap.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { GraceFieldset } from "./grace-fieldset";
import type { TestEventState } from "@/app/(admin)/settings/api-keys/actions";

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
      <GraceFieldset
        legend="Keep signing with the old secret too for"
        noneLabel="No overlap: sign with the new secret only"
        defaultValue="24h"
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Rotating…" : "Rotate secret"}
      </Button>
    </form>
  );
}
