// The Company Signup Protection queue: people whose company link waits for staff approval.
import Link from "next/link";
import { getDb } from "@/db/client";
import { listPendingSignups } from "@/db/queries/companies";
import { AdminTable } from "@/components/ui/admin-table";
import { PageHeader } from "@/components/ui/page-header";
import { InlineAction } from "@/components/records/inline-action";
import { formatDateTime } from "@/components/records/format";
import { isStaff } from "@/lib/records/page-guard";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { decideSignupAction, rejectSignupAction } from "./actions";

export const metadata = { title: "Pending signups" };
const nameOf = (r: { firstName: string; lastName: string }) => `${r.firstName} ${r.lastName}`;

export default async function PendingSignupsPage() {
  if (!(await isStaff("/pending-signups"))) return null;
  const rows = await listPendingSignups(await getDb());
  return (
    <>
      <PageHeader
        title="Pending signups"
        description="People who linked themselves to a protected company with an email outside its domains."
      />
      <AdminTable
        caption="People awaiting approval"
        rows={rows}
        rowKey={(r) => r.id}
        empty={{ title: "Nobody is waiting for approval" }}
        columns={[
          {
            header: "Person",
            cell: (r) => (
              <Link href={`/people/${r.id}`} className="font-medium text-brand-700 underline">
                {nameOf(r)}
              </Link>
            ),
          },
          { header: "Email", cell: (r) => r.email ?? "—" },
          {
            header: "Requested company",
            cell: (r) =>
              r.companyId ? (
                <Link href={`/companies/${r.companyId}`} className="text-brand-700 underline">
                  {r.companyName}
                </Link>
              ) : (
                "—"
              ),
          },
          { header: "Company domains", cell: (r) => r.companyDomains?.join(", ") || "—" },
          { header: "Signed up", cell: (r) => formatDateTime(r.createdAt) },
          {
            header: "Decision",
            className: "space-x-2 whitespace-nowrap",
            cell: (r) => (
              <>
                <InlineAction
                  action={decideSignupAction.bind(null, r.id, "approve")}
                  label="Approve"
                  ariaLabel={`Approve ${nameOf(r)}`}
                  variant="primary"
                />
                <ConfirmButton
                  label="Reject"
                  ariaLabel={`Reject ${nameOf(r)}`}
                  title={`Reject ${nameOf(r)}'s link to ${r.companyName ?? "the company"}?`}
                  body="They stay on file without the company, and their request is marked rejected. They can ask again, or staff can link them later."
                  confirmLabel="Reject"
                  action={rejectSignupAction.bind(null, r.id)}
                />
              </>
            ),
          },
        ]}
      />
    </>
  );
}
