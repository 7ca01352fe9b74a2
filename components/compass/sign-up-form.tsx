"use client";
import { useActionState } from "react";
import { Field, Select, TextInput } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

/** What the sign-up action returns: what went wrong, and what was typed (never the password). */
export type SignUpState = {
  error?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

export function SignUpForm({
  companies,
  action: signUp,
}: {
  companies: { id: string; name: string }[];
  action: (prev: SignUpState, form: FormData) => Promise<SignUpState>;
}) {
  const [state, action, pending] = useActionState<SignUpState, FormData>(signUp, {});
  const err = (f: string) => state.fieldErrors?.[f];
  const v = (f: string) => state.values?.[f];
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <div className="grid grid-cols-2 gap-3">
        <Field id="firstName" label="First name" error={err("firstName")}>
          <TextInput
            id="firstName"
            name="firstName"
            autoComplete="given-name"
            required
            defaultValue={v("firstName")}
            error={err("firstName")}
          />
        </Field>
        <Field id="lastName" label="Last name" error={err("lastName")}>
          <TextInput
            id="lastName"
            name="lastName"
            autoComplete="family-name"
            required
            defaultValue={v("lastName")}
            error={err("lastName")}
          />
        </Field>
      </div>
      <Field id="email" label="Email" error={err("email")}>
        <TextInput
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={v("email")}
          error={err("email")}
        />
      </Field>
      <Field id="password" label="Password" hint="At least 10 characters." error={err("password")}>
        <TextInput
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={err("password")}
        />
      </Field>
      <Field
        id="companyId"
        label="Company (optional)"
        hint="Some companies confirm new people first; staff will approve your link."
        error={err("companyId")}
      >
        <Select id="companyId" name="companyId" defaultValue={v("companyId") ?? ""} error={err("companyId")}>
          <option value="">No company</option>
          {companies.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <button type="submit" className={buttonClass("primary", "w-full")} disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
