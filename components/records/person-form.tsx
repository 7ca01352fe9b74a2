"use client";
// Create / edit form for a person. Field errors come back from the server action next to each input.
import type { CustomValues, SocialLinks } from "@/lib/schemas/records";
import { LINK_ANYWAY_FIELD } from "@/lib/schemas/form-state";
import { ActionForm, AreaF, SelectF, TextF, useFieldError, type FormAction } from "./form-kit";
import { CustomFieldInputs, type CustomFieldView } from "./custom-field-inputs";

export type PersonFormValues = {
  firstName?: string;
  lastName?: string;
  email?: string | null;
  phone?: string | null;
  jobTitle?: string | null;
  companyId?: string | null;
  bio?: string | null;
  profileImageUrl?: string | null;
  socialLinks?: SocialLinks;
  membershipTypeId?: string | null;
  joinDate?: string | null;
  expiryDate?: string | null;
  custom?: CustomValues;
  version?: number;
};
type Option = { value: string; label: string };

const socials = [
  ["linkedin", "LinkedIn URL"],
  ["twitter", "X / Twitter URL"],
  ["facebook", "Facebook URL"],
  ["instagram", "Instagram URL"],
  ["website", "Website URL"],
] as const;

export function PersonForm({
  action,
  values = {},
  companies,
  membershipTypes,
  customFields,
  submitLabel,
}: {
  action: FormAction;
  values?: PersonFormValues;
  companies: Option[];
  membershipTypes: Option[];
  customFields: CustomFieldView[];
  submitLabel: string;
}) {
  return (
    <ActionForm action={action} submitLabel={submitLabel} ariaLabel="Person">
      {values.version !== undefined && <input type="hidden" name="version" value={values.version} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextF name="firstName" label="First name" required defaultValue={values.firstName} />
        <TextF name="lastName" label="Last name" required defaultValue={values.lastName} />
        <TextF name="email" label="Email" type="email" defaultValue={values.email} />
        <TextF name="phone" label="Phone" type="tel" defaultValue={values.phone} />
        <TextF name="jobTitle" label="Job title" defaultValue={values.jobTitle} />
        <SelectF
          name="companyId"
          label="Company"
          empty="No company"
          options={companies}
          defaultValue={values.companyId}
        />
        <LinkAnyway />
        <SelectF
          name="membershipTypeId"
          label="Membership type"
          empty="None (non-member)"
          options={membershipTypes}
          defaultValue={values.membershipTypeId}
        />
        <div />
        <TextF name="joinDate" label="Join date" type="date" defaultValue={values.joinDate} />
        <TextF name="expiryDate" label="Expiry date" type="date" defaultValue={values.expiryDate} />
      </div>
      <AreaF name="bio" label="Bio" defaultValue={values.bio} />
      <TextF
        name="profileImageUrl"
        label="Profile image URL"
        type="url"
        defaultValue={values.profileImageUrl}
      />
      <fieldset className="grid gap-4 rounded-md border border-slate-200 p-4 sm:grid-cols-2">
        <legend className="px-1 text-sm font-semibold text-slate-800">Social media links</legend>
        {socials.map(([k, label]) => (
          <TextF
            key={k}
            name={`socialLinks.${k}`}
            label={label}
            type="url"
            defaultValue={values.socialLinks?.[k]}
          />
        ))}
      </fieldset>
      <CustomFieldInputs fields={customFields} values={values.custom} />
    </ActionForm>
  );
}

/**
 * Company Signup Protection on a staff form: offered only once the server has said the chosen company
 * protects sign-ups against this email, so linking anyway is always a deliberate staff decision.
 */
function LinkAnyway() {
  const error = useFieldError("companyId");
  if (!error?.includes("Link anyway")) return null;
  return (
    <label className="flex items-start gap-2 text-sm text-slate-800 sm:col-span-2">
      <input type="checkbox" name={LINK_ANYWAY_FIELD} value="1" className="mt-1" />
      <span>Link anyway: I have checked that this person belongs to the company (no approval step).</span>
    </label>
  );
}
