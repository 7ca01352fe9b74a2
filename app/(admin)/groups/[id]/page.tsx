// One group: Details (definition, live count, delete), Members (paged, searchable) and Explain tabs.
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getGroup, listSpecificRecords } from "@/db/queries/groups";
import { countGroupMembers, listGroupMembers } from "@/db/queries/group-members";
import { buttonClass } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { PageHeader } from "@/components/ui/page-header";
import { GroupForm } from "@/components/groups/group-form";
import { MembersTab } from "@/components/groups/members-tab";
import { ExplainTab } from "@/components/groups/explain-tab";
import { todayIso } from "@/lib/groups/context";
import { isStaff } from "@/lib/records/page-guard";
import { MemberSyncStatus } from "@/components/sync/member-sync-status";
import { MobilizeLinkSection } from "@/components/sync/mobilize-link-section";
import { deleteGroupAction, saveGroupAction } from "../actions";
import { builderData, explainData, integrationColumns } from "../data";

export const metadata = { title: "Group" };
export const dynamic = "force-dynamic";

const tabs = [
  ["details", "Details"],
  ["members", "Members"],
  ["explain", "Explain membership"],
] as const;

type Search = { tab?: string; q?: string; after?: string; record?: string; find?: string };

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Search>;
}) {
  const { id } = await params;
  if (!(await isStaff(`/groups/${id}`))) return null;
  const sp = await searchParams;
  const db = await getDb();
  const group = await getGroup(db, id);
  if (!group) notFound();
  const tab = tabs.some(([k]) => k === sp.tab) ? sp.tab : "details";
  const count = await countGroupMembers(db, id);
  const members =
    tab === "members" ? await listGroupMembers(db, id, { q: sp.q, after: sp.after, limit: 50 }) : null;
  const explain = tab === "explain" ? await explainData(db, group, sp.find, sp.record) : null;
  return (
    <>
      <PageHeader
        title={group.name}
        description={`${count.toLocaleString("en")} ${count === 1 ? "member" : "members"}`}
      />
      <nav aria-label="Group sections" className="mb-5 flex gap-2 border-b border-slate-200 pb-2">
        {tabs.map(([k, label]) => (
          <Link
            key={k}
            href={`/groups/${id}?tab=${k}`}
            aria-current={tab === k ? "page" : undefined}
            className={buttonClass(tab === k ? "primary" : "secondary")}
          >
            {label}
          </Link>
        ))}
      </nav>
      {tab === "details" && (
        <div className="space-y-8">
          <GroupForm
            key={group.version}
            group={group}
            specificIds={(await listSpecificRecords(db, id)).map((r) => r.recordId)}
            today={todayIso()}
            action={saveGroupAction}
            {...await builderData(db, id)}
          />
          <MobilizeLinkSection groupId={id} />
          <section aria-labelledby="danger" className="rounded-lg border border-red-200 p-4">
            <h2 id="danger" className="mb-2 font-semibold text-red-900">
              Delete this group
            </h2>
            <p className="mb-3 text-sm text-slate-700">
              Refused while an API key, sync, SSO client or another group uses it.
            </p>
            <ConfirmButton
              label="Delete group"
              title={`Delete "${group.name}"?`}
              body="Its members leave the group (followers are told). This cannot be undone."
              confirmLabel="Delete group"
              action={deleteGroupAction.bind(null, id)}
            />
          </section>
        </div>
      )}
      {members && (
        <MembersTab
          groupId={id}
          q={sp.q}
          after={sp.after}
          page={members}
          integrationColumns={integrationColumns}
        />
      )}
      {members && <MemberSyncStatus groupId={id} />}
      {explain && <ExplainTab groupId={id} find={sp.find} recordId={sp.record} data={explain} />}
    </>
  );
}
