"use client";
// "Create user account" on a person: email + initial password, role member.
import { ActionForm, TextF, type FormAction } from "./form-kit";

export function AccountForm({ action, email }: { action: FormAction; email: string | null }) {
  return (
    <ActionForm action={action} submitLabel="Create user account" ariaLabel="Create user account">
      <p className="text-sm text-slate-700">
        This person has no user account, so they cannot sign in. Give them one with an initial password and
        share it with them securely.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextF name="email" label="Sign-in email" type="email" required defaultValue={email} />
        <TextF
          name="password"
          label="Initial password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters."
        />
      </div>
    </ActionForm>
  );
}
