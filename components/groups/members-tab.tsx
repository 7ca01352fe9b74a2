// Members tab: a server-side, keyset-paged and searchable list, with a column reserved per integration
// for its sync status.
import Link from "next/link";
import { getDb } from "@/db/client";
import { listGroupMembers } from "@/db/queries/group-members";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/page-header";
import { integrationColumns } from "@/app/(admin)/groups/data";

export async function MembersTab({ groupId, q, after }: { groupId: string; q?: string; after?: string }) {
  const page = await listGroupMembers(await getDb(), groupId, { q, after, limit: 50 });
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
      {page.rows.length === 0 ? (
        <EmptyState title={q ? `No members match "${q}"` : "This group has no members"} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Group members</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Name
                </th>
                <th scope="col" className="px-3 py-2">
                  Type
                </th>
                <th scope="col" className="px-3 py-2">
                  Email
                </th>
                {integrationColumns.map((c) => (
                  <th key={c.key} scope="col" className="px-3 py-2">
                    {c.label} sync
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((m) => (
                <tr key={`${m.recordType}:${m.id}`}>
                  <td className="px-3 py-2">
                    <Link
                      href={`/${m.recordType === "person" ? "people" : "companies"}/${m.id}`}
                      className="text-brand-700 underline"
                    >
                      {m.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{m.recordType === "person" ? "Person" : "Company"}</td>
                  <td className="px-3 py-2">{m.email ?? "—"}</td>
                  {integrationColumns.map((c) => (
                    <td key={c.key} className="px-3 py-2 text-slate-500">
                      —
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Member pages" className="flex gap-2">
        {after && (
          <Link href={base} className={buttonClass("secondary")}>
            First page
          </Link>
        )}
        {page.nextCursor && (
          <Link href={`${base}&after=${page.nextCursor}`} className={buttonClass("secondary")}>
            Next page
          </Link>
        )}
      </nav>
    </div>
  );
}
