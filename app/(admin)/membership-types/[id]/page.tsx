// Edit a membership type, with its history.
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getMembershipType } from "@/db/queries/membership-types";
import { Card, PageHeader } from "@/components/ui/page-header";
import { HistoryList } from "@/components/records/history-list";
import { MembershipTypeForm } from "@/components/records/membership-type-form";
import { loadHistory } from "@/lib/records/history";
import { isStaff } from "@/lib/records/page-guard";
import { updateMembershipTypeAction } from "../actions";

export const metadata = { title: "Membership type" };

export default async function MembershipTypePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await isStaff(`/membership-types/${id}`))) return null;
  const db = await getDb();
  const type = await getMembershipType(db, id);
  if (!type) notFound();
  const history = await loadHistory(db, "membership_type", id);
  return (
    <>
      <PageHeader title={`Membership type: ${type.name}`} />
      <div className="space-y-6">
        <Card title="Edit">
          <MembershipTypeForm
            action={updateMembershipTypeAction.bind(null, id)}
            values={type}
            submitLabel="Save changes"
          />
        </Card>
        <HistoryList entries={history} />
      </div>
    </>
  );
}
