"use client";
// Members tab: each member's Mobilize status (reason on hover and in text), filter for N/A and errors.
import { useState } from "react";
import { Select } from "@/components/ui/field";
import { SyncStatusBadge } from "./sync-status-badge";
import { useGroupSync, type MemberStatus } from "./use-sync";

const label: Record<MemberStatus["state"], string> = {
  syncing: "Syncing",
  up_to_date: "Up To Date",
  not_applicable: "N/A",
  error: "Error",
};

export function MemberSyncStatus({ groupId }: { groupId: string }) {
  const [filter, setFilter] = useState("");
  const { data, isPending, error } = useGroupSync(groupId, "mobilize", filter);
  if (isPending) return <p className="text-sm text-slate-600">Loading Mobilize status…</p>;
  if (error) return <p className="text-sm text-red-700">{error.message}</p>;
  if (!data.link) return null;
  return (
    <section aria-labelledby="mz-members" className="mt-8 space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="mz-members" className="font-semibold">
          Mobilize sync · <SyncStatusBadge link={data.link} />
        </h2>
        <label className="flex items-center gap-2 text-sm">
          Show
          <Select
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            aria-label="Filter Mobilize status"
          >
            <option value="">All members</option>
            <option value="not_applicable">N/A only</option>
            <option value="error">Errors only</option>
          </Select>
        </label>
      </div>
      {data.members.length === 0 ? (
        <p className="text-sm text-slate-600">No members {filter ? "with this status" : "yet"}.</p>
      ) : (
        <table className="min-w-full rounded-lg border border-slate-200 bg-white text-sm">
          <caption className="sr-only">Mobilize status per member</caption>
          <thead className="bg-slate-50 text-left text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">
                Member
              </th>
              <th scope="col" className="px-3 py-2">
                Mobilize
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data.members.map((m) => (
              <tr key={m.recordId} data-testid={`member-sync-${m.recordId}`}>
                <td className="px-3 py-2">
                  {m.name} {m.email && <span className="text-xs text-slate-600">{m.email}</span>}
                </td>
                <td className="px-3 py-2" title={m.message || undefined}>
                  <span
                    className={
                      m.state === "up_to_date"
                        ? "text-green-800"
                        : m.state === "error"
                          ? "text-red-700"
                          : "text-slate-700"
                    }
                  >
                    {label[m.state]}
                  </span>
                  {m.message && <span className="ml-2 text-xs text-slate-600">{m.message}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
