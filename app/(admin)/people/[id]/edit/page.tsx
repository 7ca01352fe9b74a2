// Edit a person (optimistic concurrency: the form carries the version it was loaded at).
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getCompany, listCompanyChoices } from "@/db/queries/companies";
import { listCustomFields } from "@/db/queries/custom-fields";
import { listMembershipTypes } from "@/db/queries/membership-types";
import { getPerson } from "@/db/queries/people";
import { PageHeader } from "@/components/ui/page-header";
import { PersonForm } from "@/components/records/person-form";
import { isStaff } from "@/lib/records/page-guard";
import { updatePersonAction } from "../../actions";

export const metadata = { title: "Edit person" };

export default async function EditPersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await isStaff(`/people/${id}/edit`))) return null;
  const db = await getDb();
  const person = await getPerson(db, id);
  if (!person) notFound();
  const [companies, types, fields] = await Promise.all([
    listCompanyChoices(db),
    listMembershipTypes(db, "person"),
    listCustomFields(db, "person"),
  ]);
  // A deactivated company is not offered to new people, but keep the person's current one selectable.
  if (person.companyId && !companies.some((c) => c.id === person.companyId)) {
    const current = await getCompany(db, person.companyId);
    if (current) companies.unshift({ id: current.id, name: current.name, signupProtected: false });
  }
  return (
    <>
      <PageHeader title={`Edit ${person.firstName} ${person.lastName}`} />
      <PersonForm
        action={updatePersonAction.bind(null, id)}
        submitLabel="Save changes"
        values={person}
        companies={companies.map((c) => ({ value: c.id, label: c.name }))}
        membershipTypes={types.map((t) => ({ value: t.id, label: t.name }))}
        customFields={fields}
      />
    </>
  );
}
