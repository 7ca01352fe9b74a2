// Display helpers shared by the staff record pages (server components).
import type { ReactNode } from "react";
import type { CustomValues } from "@/lib/schemas/records";
import { Badge } from "@/components/ui/page-header";
import { memberStatusLabels, type MemberStatus } from "@/lib/schemas/member-status";

/** How a stored custom value reads on a detail page. */
export function formatCustomValue(v: CustomValues[string] | undefined): string {
  if (v === undefined || v === null || v === "") return "—";
  if (typeof v === "boolean") return v ? "Yes" : "No";
  if (Array.isArray(v)) return v.length ? v.join(", ") : "—";
  return String(v);
}

const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
export const formatDateTime = (d: Date | string | null | undefined) =>
  d ? `${dateTimeFormat.format(new Date(d))} UTC` : "—";

const statusTone = { current: "green", grace: "amber", expired: "red", non_member: "slate" } as const;
export function MemberStatusBadge({ status }: { status: MemberStatus }) {
  return <Badge tone={statusTone[status]}>{memberStatusLabels[status]}</Badge>;
}

export function ActiveBadge({ active }: { active: boolean }) {
  return active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Deactivated</Badge>;
}

/** A definition list of label → value rows. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
      {items.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-slate-600">{k}</dt>
          <dd className="text-slate-900 break-words">
            {v === null || v === undefined || v === "" ? "—" : v}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Today's date in UTC as YYYY-MM-DD (what the SQL status expression compares with). */
export const todayIso = () => new Date().toISOString().slice(0, 10);
