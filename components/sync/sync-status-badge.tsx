"use client";
// One link's status as shown in the groups list and on the group page.
import type { LinkStatus } from "./use-sync";

const time = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("en", { dateStyle: "short", timeStyle: "short" }) : "";

export function SyncStatusBadge({
  link,
}: {
  link: Pick<LinkStatus, "status" | "message" | "done" | "total" | "lastSyncedAt">;
}) {
  switch (link.status) {
    case "syncing":
    case "idle":
      return (
        <span className="inline-flex items-center gap-2 text-slate-700" role="status">
          <span
            aria-hidden
            className="h-3 w-3 animate-spin rounded-full border-2 border-brand-600 border-t-transparent"
          />
          Syncing{link.total > 0 ? ` ${link.done} / ${link.total}` : "…"}
        </span>
      );
    case "up_to_date":
      return (
        <span className="text-green-800">
          Up To Date{link.lastSyncedAt ? ` · ${time(link.lastSyncedAt)}` : ""}
        </span>
      );
    case "held":
      return (
        <span className="text-amber-800" title={link.message}>
          Held (staging)
        </span>
      );
    case "awaiting_confirmation":
      return (
        <span className="text-amber-800" title={link.message}>
          Awaiting confirmation
        </span>
      );
    case "error":
      return (
        <span className="text-red-700" title={link.message}>
          Error: {link.message}
        </span>
      );
  }
}
