// Membership types: what members hold and how long their grace period lasts.
import Link from "next/link";
import { getDb } from "@/db/client";
import { countMembershipTypeHolders, listMembershipTypes } from "@/db/queries/membership-types";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
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
        {types.length === 0 ? (
          <EmptyState title="No membership types yet">Add one below.</EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Membership types</caption>
              <thead className="bg-slate-50 text-left text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Name
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Applies to
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Grace days
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Holders
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {types.map((t) => (
                  <tr key={t.id}>
                    <td className="px-3 py-2">
                      <Link
                        href={`/membership-types/${t.id}`}
                        className="font-medium text-brand-700 underline"
                      >
                        {t.name}
                      </Link>
                      {t.description && <p className="text-xs text-slate-600">{t.description}</p>}
                    </td>
                    <td className="px-3 py-2">{appliesLabel[t.appliesTo]}</td>
                    <td className="px-3 py-2">{t.graceDays}</td>
                    <td className="px-3 py-2">{holders.get(t.id) ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Card title="Add a membership type">
          <MembershipTypeForm action={createMembershipTypeAction} submitLabel="Add membership type" />
        </Card>
      </div>
    </>
  );
}
