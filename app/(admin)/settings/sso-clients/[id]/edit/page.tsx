// Staff: edit an SSO client's name, addresses and permitted groups.
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getSsoClient } from "@/db/queries/sso-clients";
import { adminOrNull } from "@/lib/auth/guards";
import { listGroupChoices } from "@/db/queries/groups";
import { PageHeader } from "@/components/ui/page-header";
import { SsoClientForm } from "@/components/sso/client-form";
import { updateSsoClientAction } from "../../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Edit SSO client" };

export default async function EditSsoClientPage({ params }: { params: Promise<{ id: string }> }) {
  // The layout shows "Access denied"; the data read checks again so it can never leak.
  if (!(await adminOrNull("/settings/sso-clients"))) return null;
  const { id } = await params;
  const db = await getDb();
  const client = await getSsoClient(db, id);
  if (!client) notFound();
  return (
    <>
      <PageHeader title={`Edit ${client.name}`} />
      <SsoClientForm
        action={updateSsoClientAction.bind(null, id)}
        initial={client}
        groups={await listGroupChoices(db)}
        submitLabel="Save changes"
      />
    </>
  );
}
