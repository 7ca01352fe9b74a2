// A link's buttons (Sync now, Unlink behind a confirmation that says nobody is removed) and the error
// line the section's actions share.
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { LinkActions as Actions } from "./use-link-actions";

export type UnlinkText = { title: string; body: string };

export function LinkActions({ actions, unlink }: { actions: Actions; unlink: UnlinkText }) {
  return (
    <div className="flex gap-2">
      <Button variant="secondary" disabled={actions.pending} onClick={() => actions.syncNow()}>
        Sync now
      </Button>
      <ConfirmButton
        label="Unlink"
        title={unlink.title}
        body={unlink.body}
        confirmLabel="Unlink"
        action={actions.unlink}
      />
    </div>
  );
}

export function ActionError({ actions }: { actions: Actions }) {
  if (!actions.error) return null;
  return (
    <p role="alert" className="mt-2 text-sm text-red-700">
      {actions.error}
    </p>
  );
}
