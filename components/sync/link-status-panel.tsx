// A linked group's status, for any vendor: what it is linked to with the live badge, why it is held, the
// paused mass removal to approve or cancel, and Sync now / Unlink.
import type { ReactNode } from "react";
import { LinkActions, type UnlinkText } from "./link-actions";
import { RemovalApproval } from "./removal-approval";
import { SyncStatusBadge } from "./sync-status-badge";
import type { LinkActions as Actions } from "./use-link-actions";
import type { LinkStatus } from "./use-sync";

export function LinkStatusPanel({
  link,
  actions,
  unlink,
  linkedTo,
}: {
  link: LinkStatus;
  actions: Actions;
  unlink: UnlinkText;
  /** What the group is linked to; by default "Linked to <remote group name>". */
  linkedTo?: ReactNode;
}) {
  return (
    <div className="mb-4 space-y-2 text-sm">
      <p>
        {linkedTo ?? (
          <>
            Linked to <strong>{link.remoteGroupName || `group ${link.remoteGroupId}`}</strong>
          </>
        )}{" "}
        · <SyncStatusBadge link={link} />
      </p>
      {link.status === "held" && <p className="text-amber-800">{link.message}</p>}
      <RemovalApproval link={link} actions={actions} />
      <LinkActions actions={actions} unlink={unlink} />
    </div>
  );
}
