// Staff: Add API key. The key is generated on save and shown once.
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/guards";
import { keyFormChoices } from "@/lib/api-keys/views";
import { KeyForm, newKeyValues } from "@/components/api-keys/key-form";
import { PageHeader } from "@/components/ui/page-header";
import { createApiKeyAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Add API key" };

export default async function NewApiKeyPage() {
  await requireAdmin();
  const choices = await keyFormChoices(await getDb());
  return (
    <>
      <PageHeader
        title="Add API key"
        description="The key is generated when you save, and shown once on the list."
      />
      <KeyForm action={createApiKeyAction} values={newKeyValues} submitLabel="Save & Close" {...choices} />
    </>
  );
}
