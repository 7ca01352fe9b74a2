"use client";
// Rotate an endpoint's signing secret: the new secret is shown; the old one keeps signing too (both
// signatures on every delivery) for the grace period chosen, so the receiver can switch without a gap.
import type { TestEventState } from "./form-states";
import { GraceForm } from "./grace-form";

export function RotateSecret({
  action,
}: {
  action: (prev: TestEventState, form: FormData) => Promise<TestEventState>;
}) {
  return (
    <GraceForm
      action={action}
      done={(s) =>
        s.secret ? (
          <div role="status" className="space-y-1 text-sm">
            <p>New signing secret (give it to the receiver):</p>
            <code data-testid="rotated-secret" className="block break-all rounded bg-slate-100 p-2 text-xs">
              {s.secret}
            </code>
          </div>
        ) : null
      }
      legend="Keep signing with the old secret too for"
      noneLabel="No overlap: sign with the new secret only"
      defaultValue="24h"
      submitLabel="Rotate secret"
      pendingLabel="Rotating…"
    />
  );
}
