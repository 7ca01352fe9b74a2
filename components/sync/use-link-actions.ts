"use client";
// What a link section's buttons share, for any vendor: one pending flag, one error line, and the calls to
// app/api/admin/sync/groups/[groupId]/** for this group's link to `vendor`. Each call refreshes every
// sync query, so the status shows the result without a reload.
import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { fetchJson } from "./use-sync";

export type LinkActions = ReturnType<typeof useLinkActions>;

export function useLinkActions(groupId: string, vendor: string) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const refresh = () => qc.invalidateQueries({ queryKey: ["sync"] });
  /** An endpoint of this group's link to `vendor`: "" (status), "/link", "/preview", "/sync-now", … */
  const url = (path: string) =>
    `/api/admin/sync/groups/${groupId}${path}?vendor=${encodeURIComponent(vendor)}`;
  /** Runs `f` as a transition; a failure becomes the section's error line. */
  const run = (f: () => Promise<void>) =>
    start(async () => {
      setError(null);
      try {
        await f();
      } catch (e) {
        setError((e as Error).message);
      }
    });
  const post = (path: string, method: string) =>
    run(async () => (await fetchJson(url(path), { method }), refresh()));
  return {
    pending,
    error,
    run,
    refresh,
    url,
    syncNow: () => post("/sync-now", "POST"),
    approveRemovals: () => post("/removals", "POST"),
    cancelRemovals: () => post("/removals", "DELETE"),
    /** For a ConfirmButton: resolves to the error message instead of throwing. */
    unlink: async (): Promise<string | void> => {
      try {
        await fetchJson(url("/link"), { method: "DELETE" });
        await refresh();
      } catch (e) {
        return (e as Error).message;
      }
    },
  };
}
