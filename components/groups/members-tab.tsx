// Members tab: a server-side, keyset-paged and searchable list, with a column reserved per integration
// for its sync status. The page loads the page of members.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { AdminTable } from "@/components/ui/admin-table";

export type MemberRow = { recordType: "person" | "company"; id: string; name: string; email: string | null };

export function MembersTab({
  groupId,
  q,
  after,
  page,
  integrationColumns,
}: {
  groupId: string;
  q?: string;
  after?: string;
  page: { rows: MemberRow[]; nextCursor: string | null };
  integrationColumns: { key: string; label: string }[];
}) {
  const base = `/groups/${groupId}?tab=members${q ? `&q=${encodeURIComponent(q)}` : ""}`;
  return (
    <div className="space-y-4">
      <form method="get" role="search" className="flex max-w-md gap-2">
        <input type="hidden" name="tab" value="members" />
        <label htmlFor="member-q" className="sr-only">
          Search members
        </label>
        <input id="member-q" name="q" defaultValue={q} placeholder="Name or email" className={inputClass} />
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
      </form>
      <AdminTable
        caption="Group members"
        rows={page.rows}
        rowKey={(m) => `${m.recordType}:${m.id}`}
        empty={{ title: q ? `No members match "${q}"` : "This group has no members" }}
        columns={[
          {
            header: "Name",
            cell: (m) => (
              <Link
                href={`/${m.recordType === "person" ? "people" : "companies"}/${m.id}`}
                className="text-brand-700 underline"
              >
                {m.name}
              </Link>
            ),
          },
          { header: "Type", cell: (m) => (m.recordType === "person" ? "Person" : "Company") },
          { header: "Email", cell: (m) => m.email ?? "—" },
          ...integrationColumns.map((c) => ({
            key: c.key,
            header: `${c.label} sync`,
            className: "text-slate-500",
            cell: () => "—",
          })),
        ]}
        pager={{
          label: "Member pages",
          firstHref: after ? base : null,
          nextHref: page.nextCursor ? `${base}&after=${page.nextCursor}` : null,
        }}
      />
    </div>
  );
}
