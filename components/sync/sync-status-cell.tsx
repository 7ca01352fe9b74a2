"use client";
// The groups list's live sync column for one group (all cells share one polled query).
import { SyncStatusBadge } from "./sync-status-badge";
import { useSyncLinks } from "./use-sync";

export function SyncStatusCell({ vendor, groupId }: { vendor: string; groupId: string }) {
  const { data, isPending } = useSyncLinks();
  if (isPending) return <span className="text-slate-400">…</span>;
  const link = data?.links.find((l) => l.groupId === groupId && (l as { vendor?: string }).vendor === vendor);
  if (!link) return <span className="text-slate-500">—</span>;
  return (
    <span data-testid={`sync-status-${groupId}`}>
      <SyncStatusBadge link={link} />
    </span>
  );
}
