// Edit or delete a custom field definition, with its history.
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getCustomField } from "@/db/queries/custom-fields";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Card, PageHeader } from "@/components/ui/page-header";
import { CustomFieldForm } from "@/components/records/custom-field-form";
import { HistoryList } from "@/components/records/history-list";
import { loadHistory } from "@/lib/records/history";
import { isStaff } from "@/lib/records/page-guard";
import { deleteCustomFieldAction, updateCustomFieldAction } from "../actions";

export const metadata = { title: "Custom field" };

export default async function CustomFieldPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await isStaff(`/custom-fields/${id}`))) return null;
  const db = await getDb();
  const field = await getCustomField(db, id);
  if (!field) notFound();
  const history = await loadHistory(db, "custom_field", id);
  return (
    <>
      <PageHeader
        title={`Custom field: ${field.label}`}
        actions={
          <ConfirmButton
            label="Delete field"
            title={`Delete the field ${field.label}?`}
            body="It disappears from forms and pages. Values already stored stay in the records and come back if you re-create a field with the same key."
            confirmLabel="Delete field"
            action={deleteCustomFieldAction.bind(null, id)}
          />
        }
      />
      <div className="space-y-6">
        <Card title="Edit">
          <CustomFieldForm
            action={updateCustomFieldAction.bind(null, id)}
            values={field}
            submitLabel="Save changes"
          />
        </Card>
        <HistoryList entries={history} />
      </div>
    </>
  );
}
