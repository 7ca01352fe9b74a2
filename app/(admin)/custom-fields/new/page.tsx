// Define a new custom field.
import { PageHeader } from "@/components/ui/page-header";
import { CustomFieldForm } from "@/components/records/custom-field-form";
import { isStaff } from "@/lib/records/page-guard";
import { createCustomFieldAction } from "../actions";

export const metadata = { title: "Add custom field" };

export default async function NewCustomFieldPage() {
  if (!(await isStaff("/custom-fields/new"))) return null;
  return (
    <>
      <PageHeader title="Add custom field" />
      <CustomFieldForm action={createCustomFieldAction} submitLabel="Create custom field" />
    </>
  );
}
