// Edit a company (domains, signup protection, membership, custom fields).
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getCompany } from "@/db/queries/companies";
import { listCustomFields } from "@/db/queries/custom-fields";
import { listMembershipTypes } from "@/db/queries/membership-types";
import { PageHeader } from "@/components/ui/page-header";
import { CompanyForm } from "@/components/records/company-form";
import { isStaff } from "@/lib/records/page-guard";
import { updateCompanyAction } from "../../actions";

export const metadata = { title: "Edit company" };

export default async function EditCompanyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await isStaff(`/companies/${id}/edit`))) return null;
  const db = await getDb();
  const company = await getCompany(db, id);
  if (!company) notFound();
  const [types, fields] = await Promise.all([
    listMembershipTypes(db, "company"),
    listCustomFields(db, "company"),
  ]);
  return (
    <>
      <PageHeader title={`Edit ${company.name}`} />
      <CompanyForm
        action={updateCompanyAction.bind(null, id)}
        submitLabel="Save changes"
        values={company}
        membershipTypes={types.map((t) => ({ value: t.id, label: t.name }))}
        customFields={fields}
      />
    </>
  );
}
