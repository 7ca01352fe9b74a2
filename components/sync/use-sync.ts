"use client";
// TanStack Query hooks over app/api/admin/sync/**: poll every second while a sync runs, slowly otherwise.
import { useQuery } from "@tanstack/react-query";

export type LinkStatus = {
  id: string;
  groupId?: string;
  remoteGroupId: string;
  remoteGroupName: string;
  status: "idle" | "syncing" | "up_to_date" | "held" | "awaiting_confirmation" | "error";
  message: string;
  done: number;
  total: number;
  lastSyncedAt: string | null;
  pendingRemovals?: { remoteUserId: string; email: string | null; name: string }[] | null;
};
export type MemberStatus = {
  recordType: "person" | "company";
  recordId: string;
  state: "syncing" | "up_to_date" | "not_applicable" | "error";
  reason: string | null;
  message: string;
  name: string;
  email: string | null;
};

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json", ...init?.headers },
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body?.error?.message ?? `Request failed (${res.status})`);
  return body as T;
}

const busy = (s?: string) => s === "syncing" || s === "idle";

export function useSyncLinks() {
  return useQuery({
    queryKey: ["sync", "links"],
    queryFn: () => fetchJson<{ links: (LinkStatus & { groupId: string })[] }>("/api/admin/sync/links"),
    refetchInterval: (q) => (q.state.data?.links.some((l) => busy(l.status)) ? 1000 : 5000),
  });
}

/** One group's link to `vendor` (the registry's name, e.g. "mobilize") and its members' statuses. */
export function useGroupSync(groupId: string, vendor: string, filter = "") {
  return useQuery({
    queryKey: ["sync", "group", groupId, vendor, filter],
    queryFn: () =>
      fetchJson<{ link: LinkStatus | null; members: MemberStatus[] }>(
        `/api/admin/sync/groups/${groupId}?vendor=${encodeURIComponent(vendor)}${filter ? `&filter=${filter}` : ""}`,
      ),
    refetchInterval: (q) => (busy(q.state.data?.link?.status) ? 1000 : 5000),
  });
}
