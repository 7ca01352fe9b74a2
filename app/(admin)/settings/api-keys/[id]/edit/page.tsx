// Staff: Edit an API key (name, access, group, fields, webhook URLs). The key itself does not change.
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getApiKey } from "@/db/queries/api-keys";
import { listWebhookEndpoints } from "@/db/queries/webhooks";
import { requireAdmin } from "@/lib/auth/guards";
import { formValuesOf, keyFormChoices } from "@/lib/api-keys/views";
import { KeyForm } from "@/components/api-keys/key-form";
import { PageHeader } from "@/components/ui/page-header";
import { updateApiKeyAction } from "../../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Edit API key" };

export default async function EditApiKeyPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  const db = await getDb();
  const key = await getApiKey(db, id);
  if (!key || key.revokedAt) notFound();
  const [choices, endpoints] = await Promise.all([keyFormChoices(db), listWebhookEndpoints(db, id)]);
  return (
    <>
      <PageHeader title={`Edit ${key.name}`} />
      <KeyForm
        action={updateApiKeyAction.bind(null, id)}
        values={formValuesOf(
          key,
          // Only staff's own URLs: endpoints the key registered itself are shown (and removed) on the key page.
          endpoints.filter((e) => e.registeredBy === "staff").map((e) => e.url),
        )}
        submitLabel="Save & Close"
        {...choices}
      />
    </>
  );
}
