import { getDb } from "@/db/client";
import { PageHeader } from "@/components/ui/page-header";
import { GroupForm } from "@/components/groups/group-form";
import { todayIso } from "@/lib/groups/context";
import { isStaff } from "@/lib/records/page-guard";
import { saveGroupAction } from "../actions";
import { builderData } from "../data";

export const metadata = { title: "New group" };
export const dynamic = "force-dynamic";

export default async function NewGroupPage() {
  if (!(await isStaff("/groups/new"))) return null;
  const { custom, data } = await builderData(await getDb());
  return (
    <>
      <PageHeader title="New group" />
      <GroupForm specificIds={[]} custom={custom} data={data} today={todayIso()} action={saveGroupAction} />
    </>
  );
}
