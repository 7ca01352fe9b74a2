// Staff decisions on a run paused by the mass-removal guard.
import type { Db } from "@/db/client";
import { getSyncLink, setLinkStatus } from "@/db/queries/sync-links";
import { AppError, notFound } from "@/lib/core/errors";

/** Lets the next run remove up to the number staff saw; the caller then requests a sync. */
export async function approveRemovals(db: Db, linkId: string): Promise<void> {
  const link = await getSyncLink(db, linkId);
  if (!link) throw notFound("Sync link");
  if (link.status !== "awaiting_confirmation" || !link.pendingRemovals)
    throw new AppError("conflict", "This sync is not waiting for a confirmation.");
  await setLinkStatus(db, linkId, {
    approvedRemovals: link.pendingRemovals.length,
    status: "syncing",
    statusMessage: "Removal approved",
  });
}

/** Leaves everyone in place; the link stays paused until the group changes or staff approve later. */
export async function cancelRemovals(db: Db, linkId: string): Promise<void> {
  const link = await getSyncLink(db, linkId);
  if (!link) throw notFound("Sync link");
  if (link.status !== "awaiting_confirmation")
    throw new AppError("conflict", "This sync is not waiting for a confirmation.");
  await setLinkStatus(db, linkId, {
    status: "error",
    statusMessage: `Cancelled: ${link.pendingRemovals?.length ?? 0} removals were not made. Change the group's conditions or approve to continue.`,
    pendingRemovals: null,
    approvedRemovals: null,
  });
}
