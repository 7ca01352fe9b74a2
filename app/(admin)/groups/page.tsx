// Groups: name, record types, member count, and one (for now empty) sync status column per integration.
import Link from "next/link";
import { getDb } from "@/db/client";
import { listGroups } from "@/db/queries/groups";
import { ButtonLink } from "@/components/ui/button";
import { AdminTable } from "@/components/ui/admin-table";
import { PageHeader } from "@/components/ui/page-header";
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
      <AdminTable
        caption="Groups"
        rows={groups}
        rowKey={(g) => g.id}
        empty={{
          title: "No groups yet",
          children: (
            <Link href="/groups/new" className="text-brand-700 underline">
              Create the first group
            </Link>
          ),
        }}
        columns={[
          {
            header: "Name",
            cell: (g) => (
              <>
                <Link href={`/groups/${g.id}`} className="font-medium text-brand-700 underline">
                  {g.name}
                </Link>
                {g.mode === "specific" && <span className="ml-2 text-xs text-slate-600">(hand-picked)</span>}
              </>
            ),
          },
          { header: "Record types", cell: (g) => typeLabel[g.recordTypes] },
          {
            header: "Members",
            align: "right",
            className: "tabular-nums",
            cell: (g) => g.memberCount.toLocaleString("en"),
          },
          ...integrationColumns.map((c) => ({
            key: c.key,
            header: `${c.label} sync`,
            className: "text-slate-500",
            cell: (g: { id: string }) => <SyncStatusCell vendor={c.key} groupId={g.id} />,
          })),
        ]}
      />
    </>
  );
}
