// Membership types: what members hold and how long their grace period lasts.
import Link from "next/link";
import { getDb } from "@/db/client";
import { countMembershipTypeHolders, listMembershipTypes } from "@/db/queries/membership-types";
import { AdminTable } from "@/components/ui/admin-table";
import { Card, PageHeader } from "@/components/ui/page-header";
import { MembershipTypeForm } from "@/components/records/membership-type-form";
import { isStaff } from "@/lib/records/page-guard";
import { createMembershipTypeAction } from "./actions";

export const metadata = { title: "Membership types" };
const appliesLabel = { person: "People", company: "Companies", both: "People and companies" };

export default async function MembershipTypesPage() {
  if (!(await isStaff("/membership-types"))) return null;
  const db = await getDb();
  const [types, holders] = await Promise.all([listMembershipTypes(db), countMembershipTypeHolders(db)]);
  return (
    <>
      <PageHeader
        title="Membership types"
        description="Member status is derived from a record's type and its join and expiry dates."
      />
      <div className="space-y-6">
        <AdminTable
          caption="Membership types"
          rows={types}
          rowKey={(t) => t.id}
          empty={{ title: "No membership types yet", children: "Add one below." }}
          columns={[
            {
              header: "Name",
              cell: (t) => (
                <>
                  <Link href={`/membership-types/${t.id}`} className="font-medium text-brand-700 underline">
                    {t.name}
                  </Link>
                  {t.description && <p className="text-xs text-slate-600">{t.description}</p>}
                </>
              ),
            },
            { header: "Applies to", cell: (t) => appliesLabel[t.appliesTo] },
            { header: "Grace days", cell: (t) => t.graceDays },
            { header: "Holders", cell: (t) => holders.get(t.id) ?? 0 },
          ]}
        />
        <Card title="Add a membership type">
          <MembershipTypeForm action={createMembershipTypeAction} submitLabel="Add membership type" />
        </Card>
      </div>
    </>
  );
}
