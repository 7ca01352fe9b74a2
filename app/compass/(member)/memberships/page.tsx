// The member's own membership: type, derived status, dates, and their company (or pending request).
import { getDb } from "@/db/client";
import { requireMember } from "@/lib/auth/guards";
import { getOwnMembership } from "@/lib/portal/reads";
import { memberStatusLabels, type MemberStatus } from "@/lib/schemas/member-status";
import { Badge, Card, PageHeader } from "@/components/ui/page-header";
import { PendingNotice } from "@/components/compass/pending-notice";

export const dynamic = "force-dynamic";
export const metadata = { title: "Memberships" };

const tone = (s: MemberStatus) =>
  s === "current" ? "green" : s === "grace" ? "amber" : s === "expired" ? "red" : "slate";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 border-b border-slate-100 py-2 text-sm last:border-0">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

export default async function MembershipsPage() {
  const me = await requireMember("/compass/memberships");
  const m = await getOwnMembership(await getDb(), me.personId);
  if (!m) return null;
  const p = m.person;
  return (
    <>
      <PageHeader title="Memberships" />
      {p.approvalStatus === "pending_approval" && <PendingNotice companyName={m.requestedCompanyName} />}
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Your membership">
          <dl>
            <Row label="Membership type">{m.typeName ?? "None"}</Row>
            <Row label="Status">
              <Badge tone={tone(m.status)}>{memberStatusLabels[m.status]}</Badge>
            </Row>
            <Row label="Joined">{p.joinDate ?? "—"}</Row>
            <Row label="Expires">{p.expiryDate ?? (p.membershipTypeId ? "Never" : "—")}</Row>
          </dl>
        </Card>
        <Card title="Company">
          {m.company ? (
            <dl>
              <Row label="Company">{m.company.name}</Row>
              <Row label="Company membership">{m.companyTypeName ?? "None"}</Row>
              {m.companyStatus && (
                <Row label="Company status">
                  <Badge tone={tone(m.companyStatus)}>{memberStatusLabels[m.companyStatus]}</Badge>
                </Row>
              )}
              <Row label="Company expires">{m.company.expiryDate ?? "—"}</Row>
            </dl>
          ) : p.approvalStatus === "pending_approval" ? (
            <p className="text-sm">
              Requested: {m.requestedCompanyName} <Badge tone="amber">Waiting for approval</Badge>
            </p>
          ) : p.approvalStatus === "rejected" ? (
            <p className="text-sm">
              Your company request was not approved. Contact staff if this is a mistake.
            </p>
          ) : (
            <p className="text-sm text-slate-600">You are not linked to a company.</p>
          )}
        </Card>
      </div>
    </>
  );
}
