"use client";
// Roll key: a new key is shown once; the old one keeps working for the grace period chosen.
import type { KeyFormState } from "./form-states";
import { GraceForm } from "./grace-form";
import { SecretOnce } from "./secret-once";

export function RollKey({
  action,
}: {
  action: (prev: KeyFormState, form: FormData) => Promise<KeyFormState>;
}) {
  return (
    <GraceForm
      action={action}
      done={(s) => (s.created ? <SecretOnce id={s.created.id} secret={s.created.secret} /> : null)}
      legend="Keep the old key working for"
      noneLabel="No grace: the old key stops now"
      defaultValue="1h"
      submitLabel="Roll key"
      pendingLabel="Rolling…"
    />
  );
}
