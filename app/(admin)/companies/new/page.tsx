// Create a company.
import { getDb } from "@/db/client";
import { listCustomFields } from "@/db/queries/custom-fields";
import { listMembershipTypes } from "@/db/queries/membership-types";
import { PageHeader } from "@/components/ui/page-header";
import { CompanyForm } from "@/components/records/company-form";
import { isStaff } from "@/lib/records/page-guard";
import { createCompanyAction } from "../actions";

export const metadata = { title: "Add company" };

export default async function NewCompanyPage() {
  if (!(await isStaff("/companies/new"))) return null;
  const db = await getDb();
  const [types, fields] = await Promise.all([
    listMembershipTypes(db, "company"),
    listCustomFields(db, "company"),
  ]);
  return (
    <>
      <PageHeader title="Add company" />
      <CompanyForm
        action={createCompanyAction}
        submitLabel="Create company"
        membershipTypes={types.map((t) => ({ value: t.id, label: t.name }))}
        customFields={fields}
      />
    </>
  );
}
