// The Company Signup Protection queue: people whose company link waits for staff approval.
import Link from "next/link";
import { getDb } from "@/db/client";
import { listPendingSignups } from "@/db/queries/companies";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { InlineAction } from "@/components/records/inline-action";
import { formatDateTime } from "@/components/records/format";
import { isStaff } from "@/lib/records/page-guard";
import { decideSignupAction } from "./actions";

export const metadata = { title: "Pending signups" };

export default async function PendingSignupsPage() {
  if (!(await isStaff("/pending-signups"))) return null;
  const rows = await listPendingSignups(await getDb());
  return (
    <>
      <PageHeader
        title="Pending signups"
        description="People who linked themselves to a protected company with an email outside its domains."
      />
      {rows.length === 0 ? (
        <EmptyState title="Nobody is waiting for approval" />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">People awaiting approval</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Person
                </th>
                <th scope="col" className="px-3 py-2">
                  Email
                </th>
                <th scope="col" className="px-3 py-2">
                  Requested company
                </th>
                <th scope="col" className="px-3 py-2">
                  Company domains
                </th>
                <th scope="col" className="px-3 py-2">
                  Signed up
                </th>
                <th scope="col" className="px-3 py-2">
                  Decision
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => {
                const name = `${r.firstName} ${r.lastName}`;
                return (
                  <tr key={r.id}>
                    <td className="px-3 py-2">
                      <Link href={`/people/${r.id}`} className="font-medium text-brand-700 underline">
                        {name}
                      </Link>
                    </td>
                    <td className="px-3 py-2">{r.email ?? "—"}</td>
                    <td className="px-3 py-2">
                      {r.companyId ? (
                        <Link href={`/companies/${r.companyId}`} className="text-brand-700 underline">
                          {r.companyName}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="px-3 py-2">{r.companyDomains?.join(", ") || "—"}</td>
                    <td className="px-3 py-2">{formatDateTime(r.createdAt)}</td>
                    <td className="space-x-2 px-3 py-2 whitespace-nowrap">
                      <InlineAction
                        action={decideSignupAction.bind(null, r.id, "approve")}
                        label="Approve"
                        ariaLabel={`Approve ${name}`}
                        variant="primary"
                      />
                      <InlineAction
                        action={decideSignupAction.bind(null, r.id, "reject")}
                        label="Reject"
                        ariaLabel={`Reject ${name}`}
                        variant="danger"
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
