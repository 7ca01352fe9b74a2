// The member's own profile: the fields staff allow are editable, the rest is shown read-only.
import { getDb } from "@/db/client";
import { requireMember } from "@/lib/auth/guards";
import { getOwnMembership } from "@/lib/portal/reads";
import { loadEditableSet, portalFields } from "@/lib/portal/profile";
import { Card, PageHeader } from "@/components/ui/page-header";
import { PendingNotice } from "@/components/compass/pending-notice";
import { ProfileForm } from "@/components/compass/profile-form";
import { saveProfileAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Profile" };

const display = (v: unknown) =>
  v === null || v === undefined || v === ""
    ? "—"
    : Array.isArray(v)
      ? v.join(", ")
      : typeof v === "boolean"
        ? v
          ? "Yes"
          : "No"
        : String(v);

export default async function ProfilePage() {
  const me = await requireMember("/compass/profile");
  const db = await getDb();
  const [m, editable] = await Promise.all([getOwnMembership(db, me.personId), loadEditableSet(db)]);
  if (!m) return null;
  const p = m.person;
  const readOnly: [string, unknown][] = [
    ["Email", p.email],
    [
      "Company",
      m.company?.name ?? (m.requestedCompanyName ? `${m.requestedCompanyName} (waiting for approval)` : null),
    ],
    ...(Object.keys(portalFields) as (keyof typeof portalFields)[])
      .filter((f) => !editable.fields.includes(f) && f !== "social_links")
      .map((f): [string, unknown] => [portalFields[f].label, p[portalFields[f].key as keyof typeof p]]),
    ...editable.readOnlyCustom.map((d): [string, unknown] => [d.label, p.custom[d.key]]),
  ];
  return (
    <>
      <PageHeader title="Your profile" description="Keep your details up to date." />
      {p.approvalStatus === "pending_approval" && <PendingNotice companyName={m.requestedCompanyName} />}
      <div className="grid gap-6 md:grid-cols-3">
        <div className="md:col-span-2">
          <Card title="Edit your details">
            <ProfileForm
              fields={editable.fields}
              custom={editable.custom.map((d) => ({
                key: d.key,
                label: d.label,
                type: d.type,
                choices: d.choices,
                required: d.required,
              }))}
              values={{
                firstName: p.firstName,
                lastName: p.lastName,
                phone: p.phone ?? "",
                jobTitle: p.jobTitle ?? "",
                bio: p.bio ?? "",
                profileImageUrl: p.profileImageUrl ?? "",
              }}
              social={p.socialLinks}
              customValues={p.custom}
              action={saveProfileAction}
            />
          </Card>
        </div>
        <Card title="Managed by staff">
          <dl className="space-y-2 text-sm">
            {readOnly.map(([label, v]) => (
              <div key={label}>
                <dt className="text-slate-600">{label}</dt>
                <dd className="[overflow-wrap:anywhere]">{display(v)}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
    </>
  );
}
