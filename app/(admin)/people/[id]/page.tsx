// A person's page: all fields, custom values, memberships, account, registrations and history.
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getCompany } from "@/db/queries/companies";
import { listCustomFields } from "@/db/queries/custom-fields";
import { getMembershipType } from "@/db/queries/membership-types";
import { getPerson } from "@/db/queries/people";
import { listPersonRegistrations } from "@/db/queries/registrations";
import { ButtonLink } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Badge, Card, PageHeader } from "@/components/ui/page-header";
import { AccountForm } from "@/components/records/account-form";
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
import { accountOfPerson } from "@/lib/records/person-account";
import { createAccountAction, setPersonActiveAction } from "../actions";

export const metadata = { title: "Person" };

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await isStaff(`/people/${id}`))) return null;
  const db = await getDb();
  const person = await getPerson(db, id);
  if (!person) notFound();
  const [company, requested, type, fields, account, regs, history] = await Promise.all([
    person.companyId ? getCompany(db, person.companyId) : null,
    person.requestedCompanyId ? getCompany(db, person.requestedCompanyId) : null,
    person.membershipTypeId ? getMembershipType(db, person.membershipTypeId) : null,
    listCustomFields(db, "person"),
    accountOfPerson(db, id),
    listPersonRegistrations(db, id),
    loadHistory(db, "person", id),
  ]);
  const name = `${person.firstName} ${person.lastName}`;
  const status = deriveMemberStatus({
    membershipTypeId: person.membershipTypeId,
    expiryDate: person.expiryDate,
    graceDays: type?.graceDays ?? null,
    today: todayIso(),
  });
  const links = Object.entries(person.socialLinks ?? {});
  return (
    <>
      <PageHeader
        title={name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ActiveBadge active={person.active} />
            <MemberStatusBadge status={status} />
            {person.approvalStatus === "pending_approval" && <Badge tone="amber">Pending approval</Badge>}
            {person.approvalStatus === "rejected" && <Badge tone="red">Company link rejected</Badge>}
          </span>
        }
        actions={
          <>
            <ButtonLink href={`/people/${id}/edit`} variant="secondary">
              Edit
            </ButtonLink>
            {person.active ? (
              <ConfirmButton
                label="Deactivate"
                title={`Deactivate ${name}?`}
                body="Their record stays on file, flagged as deactivated, and they can no longer sign in. You can reactivate them later."
                confirmLabel="Deactivate"
                action={setPersonActiveAction.bind(null, id, false)}
              />
            ) : (
              <ConfirmButton
                label="Reactivate"
                variant="secondary"
                title={`Reactivate ${name}?`}
                body="They will be able to sign in again if they have a user account."
                confirmLabel="Reactivate"
                action={setPersonActiveAction.bind(null, id, true)}
              />
            )}
          </>
        }
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Details">
          <Facts
            items={[
              ["Email", person.email],
              ["Phone", person.phone],
              ["Job title", person.jobTitle],
              [
                "Company",
                company && (
                  <Link href={`/companies/${company.id}`} className="text-brand-700 underline">
                    {company.name}
                  </Link>
                ),
              ],
              ...(requested ? [["Requested company", requested.name] as [string, string]] : []),
              ["Membership type", type?.name],
              ["Member status", <MemberStatusBadge key="s" status={status} />],
              ["Join date", person.joinDate],
              ["Expiry date", person.expiryDate],
              ["Bio", person.bio],
              ["Profile image URL", person.profileImageUrl],
              [
                "Social links",
                links.length > 0 && (
                  <ul>
                    {links.map(([k, url]) => (
                      <li key={k}>
                        {k}: {url}
                      </li>
                    ))}
                  </ul>
                ),
              ],
              ["Last updated", formatDateTime(person.updatedAt)],
            ]}
          />
        </Card>
        <div className="space-y-6">
          <Card title="Custom fields">
            {fields.length === 0 ? (
              <p className="text-sm text-slate-600">No custom fields are defined for people.</p>
            ) : (
              <Facts items={fields.map((f) => [f.label, formatCustomValue(person.custom[f.key])])} />
            )}
          </Card>
          <Card title="User account">
            {account ? (
              <Facts
                items={[
                  ["Has a user account", "Yes"],
                  ["Sign-in email", account.email],
                  ["Role", account.role],
                  ["Can sign in", person.active ? "Yes" : "No (deactivated)"],
                  ["Last sign-in", formatDateTime(account.lastSignInAt)],
                ]}
              />
            ) : person.active ? (
              <AccountForm action={createAccountAction.bind(null, id)} email={person.email} />
            ) : (
              <p className="text-sm text-slate-700">No user account. Reactivate this person to create one.</p>
            )}
          </Card>
          <Card title="Event registrations">
            {regs.length === 0 ? (
              <p className="text-sm text-slate-600">Not registered for any events.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {regs.map((r) => (
                  <li key={r.id}>
                    <Link href={`/events/${r.eventId}`} className="text-brand-700 underline">
                      {r.eventName}
                    </Link>{" "}
                    · {formatDateTime(r.startsAt)} · <Badge>{r.status}</Badge>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
      <div className="mt-6">
        <HistoryList entries={history} />
      </div>
    </>
  );
}
