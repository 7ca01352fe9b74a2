"use client";
// Roll key: a new key is shown once; the old one keeps working for the grace period chosen.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { GraceFieldset } from "./grace-fieldset";
import type { KeyFormState } from "@/app/(admin)/settings/api-keys/actions";
import { SecretOnce } from "./secret-once";

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
      <GraceFieldset
        legend="Keep the old key working for"
        noneLabel="No grace: the old key stops now"
        defaultValue="1h"
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Rolling…" : "Roll key"}
      </Button>
    </form>
  );
}
