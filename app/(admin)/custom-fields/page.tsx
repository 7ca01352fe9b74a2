// Custom field definitions for people and companies.
import Link from "next/link";
import { getDb } from "@/db/client";
import { listCustomFields } from "@/db/queries/custom-fields";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { fieldTypeLabels } from "@/components/records/custom-field-labels";
import { isStaff } from "@/lib/records/page-guard";

export const metadata = { title: "Custom fields" };

export default async function CustomFieldsPage() {
  if (!(await isStaff("/custom-fields"))) return null;
  const fields = await listCustomFields(await getDb());
  return (
    <>
      <PageHeader
        title="Custom fields"
        description="Extra fields staff define for people or companies."
        actions={<ButtonLink href="/custom-fields/new">Add custom field</ButtonLink>}
      />
      {fields.length === 0 ? (
        <EmptyState title="No custom fields yet">
          <Link href="/custom-fields/new" className="text-brand-700 underline">
            Add the first custom field
          </Link>
        </EmptyState>
      ) : (
        <div className="space-y-6">
          {(["person", "company"] as const).map((entity) => {
            const rows = fields.filter((f) => f.entity === entity);
            return (
              <Card key={entity} title={entity === "person" ? "People" : "Companies"}>
                {rows.length === 0 ? (
                  <p className="text-sm text-slate-600">None.</p>
                ) : (
                  <ul className="divide-y divide-slate-100 text-sm">
                    {rows.map((f) => (
                      <li key={f.id} className="flex flex-wrap items-center gap-2 py-2">
                        <Link
                          href={`/custom-fields/${f.id}`}
                          className="font-medium text-brand-700 underline"
                        >
                          {f.label}
                        </Link>
                        <code className="text-xs text-slate-600">{f.key}</code>
                        <Badge>{fieldTypeLabels[f.type]}</Badge>
                        {f.required && <Badge tone="amber">Required</Badge>}
                        {f.memberEditable && <Badge tone="blue">Member editable</Badge>}
                        {f.choices.length > 0 && (
                          <span className="text-xs text-slate-600">{f.choices.join(", ")}</span>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            );
          })}
        </div>
      )}
    </>
  );
}
