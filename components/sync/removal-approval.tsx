// A run paused by the mass-removal guard: who would be removed, with Approve removals / Cancel.
import { Button } from "@/components/ui/button";
import type { LinkActions } from "./use-link-actions";
import type { LinkStatus } from "./use-sync";

export function RemovalApproval({ link, actions }: { link: LinkStatus; actions: LinkActions }) {
  if (link.status !== "awaiting_confirmation" || !link.pendingRemovals) return null;
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-3">
      <p className="mb-2">{link.message} Who would be removed:</p>
      <ul className="mb-2 max-h-40 list-disc overflow-auto pl-5">
        {link.pendingRemovals.map((r) => (
          <li key={r.remoteUserId}>
            {r.name || r.email}
            {r.email ? ` (${r.email})` : ""}
          </li>
        ))}
      </ul>
      <div className="flex gap-2">
        <Button onClick={() => actions.approveRemovals()}>Approve removals</Button>
        <Button variant="secondary" onClick={() => actions.cancelRemovals()}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
