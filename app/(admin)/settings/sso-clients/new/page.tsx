// Staff: add an SSO client. The secret is shown once after saving.
import { getDb } from "@/db/client";
import { adminOrNull } from "@/lib/auth/guards";
import { listGroupChoices } from "@/db/queries/groups";
import { PageHeader } from "@/components/ui/page-header";
import { SsoClientForm } from "@/components/sso/client-form";
import { createSsoClientAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Add SSO client" };

export default async function NewSsoClientPage() {
  // The layout shows "Access denied"; the data read checks again so it can never leak.
  if (!(await adminOrNull("/settings/sso-clients"))) return null;
  const groups = await listGroupChoices(await getDb());
  return (
    <>
      <PageHeader title="Add SSO client" />
      <SsoClientForm action={createSsoClientAction} groups={groups} submitLabel="Save SSO client" />
    </>
  );
}
