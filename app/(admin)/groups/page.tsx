// Groups: name, record types, member count, and one (for now empty) sync status column per integration.
import Link from "next/link";
import { getDb } from "@/db/client";
import { listGroups } from "@/db/queries/groups";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { isStaff } from "@/lib/records/page-guard";
import { integrationColumns } from "./data";
import { SyncStatusCell } from "@/components/sync/sync-status-cell";

export const metadata = { title: "Groups" };
export const dynamic = "force-dynamic";

const typeLabel = { people: "People", companies: "Companies", both: "People and companies" } as const;

export default async function GroupsPage() {
  if (!(await isStaff("/groups"))) return null;
  const groups = await listGroups(await getDb());
  return (
    <>
      <PageHeader
        title="Groups"
        description="Sets of people and companies, defined by conditions or hand-picked. API keys, syncs and SSO clients use them."
        actions={<ButtonLink href="/groups/new">New group</ButtonLink>}
      />
      {groups.length === 0 ? (
        <EmptyState title="No groups yet">
          <Link href="/groups/new" className="text-brand-700 underline">
            Create the first group
          </Link>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Groups</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Name
                </th>
                <th scope="col" className="px-3 py-2">
                  Record types
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Members
                </th>
                {integrationColumns.map((c) => (
                  <th key={c.key} scope="col" className="px-3 py-2">
                    {c.label} sync
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {groups.map((g) => (
                <tr key={g.id}>
                  <td className="px-3 py-2">
                    <Link href={`/groups/${g.id}`} className="font-medium text-brand-700 underline">
                      {g.name}
                    </Link>
                    {g.mode === "specific" && (
                      <span className="ml-2 text-xs text-slate-600">(hand-picked)</span>
                    )}
                  </td>
                  <td className="px-3 py-2">{typeLabel[g.recordTypes]}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{g.memberCount.toLocaleString("en")}</td>
                  {integrationColumns.map((c) => (
                    <td key={c.key} className="px-3 py-2 text-slate-500">
                      <SyncStatusCell vendor={c.key} groupId={g.id} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
