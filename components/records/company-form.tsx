"use client";
// Create / edit form for a company, including its email domains and Company Signup Protection.
import type { CustomValues } from "@/lib/schemas/records";
import { ActionForm, AreaF, CheckF, SelectF, TextF, type FormAction } from "./form-kit";
import { CustomFieldInputs, type CustomFieldView } from "./custom-field-inputs";

export type CompanyFormValues = {
  name?: string;
  email?: string | null;
  emailDomains?: string[];
  signupProtected?: boolean;
  membershipTypeId?: string | null;
  joinDate?: string | null;
  expiryDate?: string | null;
  custom?: CustomValues;
  version?: number;
};

export function CompanyForm({
  action,
  values = {},
  membershipTypes,
  customFields,
  submitLabel,
}: {
  action: FormAction;
  values?: CompanyFormValues;
  membershipTypes: { value: string; label: string }[];
  customFields: CustomFieldView[];
  submitLabel: string;
}) {
  return (
    <ActionForm action={action} submitLabel={submitLabel} ariaLabel="Company">
      {values.version !== undefined && <input type="hidden" name="version" value={values.version} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextF name="name" label="Name" required defaultValue={values.name} />
        <TextF name="email" label="Email" type="email" defaultValue={values.email} />
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
      <AreaF
        name="emailDomains"
        label="Email domains"
        hint="One per line or separated by commas, e.g. example.org"
        defaultValue={values.emailDomains?.join("\n")}
      />
      <CheckF
        name="signupProtected"
        label="Company Signup Protection"
        hint="People who link themselves to this company wait for staff approval unless their email domain is one of the domains above."
        defaultChecked={values.signupProtected}
      />
      <CustomFieldInputs fields={customFields} values={values.custom} />
    </ActionForm>
  );
}
