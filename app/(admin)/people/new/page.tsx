// Create a person.
import { getDb } from "@/db/client";
import { listCompanyChoices } from "@/db/queries/companies";
import { listCustomFields } from "@/db/queries/custom-fields";
import { listMembershipTypes } from "@/db/queries/membership-types";
import { PageHeader } from "@/components/ui/page-header";
import { PersonForm } from "@/components/records/person-form";
import { isStaff } from "@/lib/records/page-guard";
import { createPersonAction } from "../actions";

export const metadata = { title: "Add person" };

export default async function NewPersonPage() {
  if (!(await isStaff("/people/new"))) return null;
  const db = await getDb();
  const [companies, types, fields] = await Promise.all([
    listCompanyChoices(db),
    listMembershipTypes(db, "person"),
    listCustomFields(db, "person"),
  ]);
  return (
    <>
      <PageHeader title="Add person" />
      <PersonForm
        action={createPersonAction}
        submitLabel="Create person"
        companies={companies.map((c) => ({ value: c.id, label: c.name }))}
        membershipTypes={types.map((t) => ({ value: t.id, label: t.name }))}
        customFields={fields}
      />
    </>
  );
}
