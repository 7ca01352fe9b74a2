// The member portal home: a summary of the member's own record.
import Link from "next/link";
import { getDb } from "@/db/client";
import { requireMember } from "@/lib/auth/guards";
import { getOwnMembership, listOwnRegistrations } from "@/lib/portal/reads";
import { memberStatusLabels } from "@/lib/schemas/member-status";
import { Card, PageHeader } from "@/components/ui/page-header";
import { PendingNotice } from "@/components/compass/pending-notice";

export const dynamic = "force-dynamic";
export const metadata = { title: "Compass" };

export default async function CompassHome() {
  const me = await requireMember("/compass");
  const db = await getDb();
  const [m, regs] = await Promise.all([
    getOwnMembership(db, me.personId),
    listOwnRegistrations(db, me.personId),
  ]);
  if (!m) return null;
  const upcoming = regs.filter((r) => r.startsAt > new Date() && r.status !== "cancelled");
  return (
    <>
      <PageHeader title={`Welcome, ${m.person.firstName}`} />
      {m.person.approvalStatus === "pending_approval" && (
        <PendingNotice companyName={m.requestedCompanyName} />
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <Card title="Membership">
          <p className="text-sm">{m.typeName ?? "No membership"}</p>
          <p className="text-sm text-slate-600">{memberStatusLabels[m.status]}</p>
          <Link className="mt-2 inline-block text-sm text-brand-700 underline" href="/compass/memberships">
            Details
          </Link>
        </Card>
        <Card title="Company">
          <p className="text-sm">{m.company?.name ?? "None"}</p>
          <Link className="mt-2 inline-block text-sm text-brand-700 underline" href="/compass/profile">
            Your profile
          </Link>
        </Card>
        <Card title="Events">
          <p className="text-sm">{upcoming.length} upcoming</p>
          <Link className="mt-2 inline-block text-sm text-brand-700 underline" href="/compass/events">
            Your registrations
          </Link>
        </Card>
      </div>
    </>
  );
}
