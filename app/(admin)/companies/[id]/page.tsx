// A company's page: fields, signup protection, its people, custom values and history.
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getCompany } from "@/db/queries/companies";
import { listCustomFields } from "@/db/queries/custom-fields";
import { getMembershipType } from "@/db/queries/membership-types";
import { countPeople, listPeople } from "@/db/queries/people";
import { ButtonLink } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Card, PageHeader } from "@/components/ui/page-header";
import {
  ActiveBadge,
  Facts,
  MemberStatusBadge,
  formatCustomValue,
  formatDateTime,
  todayIso,
} from "@/components/records/format";
import { HistoryList } from "@/components/records/history-list";
import { loadHistory } from "@/lib/records/history";
import { deriveMemberStatus } from "@/lib/records/member-status";
import { isStaff } from "@/lib/records/page-guard";
import { setCompanyActiveAction } from "../actions";

export const metadata = { title: "Company" };

export default async function CompanyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await isStaff(`/companies/${id}`))) return null;
  const db = await getDb();
  const company = await getCompany(db, id);
  if (!company) notFound();
  const [type, fields, people, peopleCount, history] = await Promise.all([
    company.membershipTypeId ? getMembershipType(db, company.membershipTypeId) : null,
    listCustomFields(db, "company"),
    listPeople(db, { companyId: id, limit: 100 }),
    countPeople(db, { companyId: id }),
    loadHistory(db, "company", id),
  ]);
  const status = deriveMemberStatus({
    membershipTypeId: company.membershipTypeId,
    expiryDate: company.expiryDate,
    graceDays: type?.graceDays ?? null,
    today: todayIso(),
  });
  return (
    <>
      <PageHeader
        title={company.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ActiveBadge active={company.active} />
            <MemberStatusBadge status={status} />
          </span>
        }
        actions={
          <>
            <ButtonLink href={`/companies/${id}/edit`} variant="secondary">
              Edit
            </ButtonLink>
            {company.active ? (
              <ConfirmButton
                label="Deactivate"
                title={`Deactivate ${company.name}?`}
                body="The company stays on file, flagged as deactivated, and is no longer offered at sign-up. Its people are not changed."
                confirmLabel="Deactivate"
                action={setCompanyActiveAction.bind(null, id, false)}
              />
            ) : (
              <ConfirmButton
                label="Reactivate"
                variant="secondary"
                title={`Reactivate ${company.name}?`}
                body="The company will be offered at sign-up again."
                confirmLabel="Reactivate"
                action={setCompanyActiveAction.bind(null, id, true)}
              />
            )}
          </>
        }
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Details">
          <Facts
            items={[
              ["Email", company.email],
              ["Email domains", company.emailDomains.join(", ")],
              ["Company Signup Protection", company.signupProtected ? "On" : "Off"],
              ["Membership type", type?.name],
              ["Member status", <MemberStatusBadge key="s" status={status} />],
              ["Join date", company.joinDate],
              ["Expiry date", company.expiryDate],
              ["Last updated", formatDateTime(company.updatedAt)],
              ...fields.map((f) => [f.label, formatCustomValue(company.custom[f.key])] as [string, string]),
            ]}
          />
        </Card>
        <Card title={`People (${peopleCount})`}>
          {people.rows.length === 0 ? (
            <p className="text-sm text-slate-600">Nobody is linked to this company yet.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {people.rows.map((p) => (
                <li key={p.id}>
                  <Link href={`/people/${p.id}`} className="text-brand-700 underline">
                    {p.firstName} {p.lastName}
                  </Link>{" "}
                  {p.email && <span className="text-slate-600">· {p.email}</span>}{" "}
                  {!p.active && <ActiveBadge active={false} />}
                </li>
              ))}
              {peopleCount > people.rows.length && (
                <li className="text-slate-600">…and {peopleCount - people.rows.length} more.</li>
              )}
            </ul>
          )}
        </Card>
      </div>
      <div className="mt-6">
        <HistoryList entries={history} />
      </div>
    </>
  );
}
