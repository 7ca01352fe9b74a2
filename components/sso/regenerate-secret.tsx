"use client";
// Regenerate the client secret; the old one may keep working for a grace period.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import type { SsoFormState } from "./client-form";
import { SecretOnce } from "./secret-once";

export function RegenerateSecret({
  action,
}: {
  action: (prev: SsoFormState, form: FormData) => Promise<SsoFormState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.created) return <SecretOnce {...state.created} />;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3">
      {state.error && (
        <p role="alert" className="w-full rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <Field id="graceHours" label="Keep the old secret working for">
        <Select id="graceHours" name="graceHours" defaultValue="24">
          <option value="0">No grace period (stop it now)</option>
          <option value="1">1 hour</option>
          <option value="24">24 hours</option>
          <option value="168">7 days</option>
        </Select>
      </Field>
      <button type="submit" className={buttonClass("secondary")} disabled={pending}>
        {pending ? "Generating…" : "Regenerate secret"}
      </button>
    </form>
  );
}
