"use client";
// Add / edit an SSO client. After "add", the secret is shown once instead of the form.
import { useActionState } from "react";
import { Field, TextInput } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { SsoClientInput } from "@/lib/schemas/sso-client";
import { SecretOnce } from "./secret-once";

/** What the SSO client actions (add, edit, regenerate secret) return to their forms. */
export type SsoFormState = {
  error?: string;
  fields?: Record<string, string>;
  /** What was submitted, so a refused form keeps the staff member's input (React resets forms after actions). */
  values?: SsoClientInput;
  /** Set once, right after create/regenerate: the only time the secret is shown. */
  created?: { id: string; clientId: string; clientSecret: string };
};

export type ClientFormValues = {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  permittedGroupIds?: string[];
  isPublic?: boolean;
};

export function SsoClientForm({
  action,
  initial,
  groups,
  submitLabel,
}: {
  action: (prev: SsoFormState, form: FormData) => Promise<SsoFormState>;
  initial?: ClientFormValues;
  groups: { id: string; name: string }[];
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.created) return <SecretOnce {...state.created} />;
  const err = (f: string) => state.fields?.[f];
  const v = (state.values as ClientFormValues | undefined) ?? initial;
  return (
    <form action={formAction} className="max-w-2xl space-y-5" noValidate>
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <Field id="name" label="Name" hint="Who this is for, e.g. Mobilize" error={err("name")}>
        <TextInput id="name" name="name" required defaultValue={v?.name} error={err("name")} />
      </Field>
      <Field
        id="redirectUris"
        label="Valid redirect URLs"
        hint="One per line, matched exactly. https:// is required (http:// only for localhost)."
        error={err("redirectUris")}
      >
        <textarea
          id="redirectUris"
          name="redirectUris"
          rows={3}
          className={inputClass}
          aria-invalid={err("redirectUris") ? true : undefined}
          aria-describedby={err("redirectUris") ? "redirectUris-error" : "redirectUris-hint"}
          defaultValue={v?.redirectUris.join("\n")}
        />
      </Field>
      <Field
        id="postLogoutRedirectUris"
        label="Post-logout redirect URLs (optional)"
        hint="Where the partner may send members after signing out. One per line."
        error={err("postLogoutRedirectUris")}
      >
        <textarea
          id="postLogoutRedirectUris"
          name="postLogoutRedirectUris"
          rows={2}
          className={inputClass}
          aria-invalid={err("postLogoutRedirectUris") ? true : undefined}
          defaultValue={v?.postLogoutRedirectUris?.join("\n")}
        />
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Permitted groups (optional)</legend>
        <p className="text-xs text-slate-600">
          Leave all unticked to let every active member with a user account sign in. The groups claim only
          ever lists the permitted groups a member is in.
        </p>
        {groups.length === 0 && <p className="text-sm text-slate-600">No groups exist yet.</p>}
        {groups.map((g) => (
          <label key={g.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="permittedGroupIds"
              value={g.id}
              defaultChecked={v?.permittedGroupIds?.includes(g.id)}
            />
            {g.name}
          </label>
        ))}
        {err("permittedGroupIds") && (
          <p role="alert" className="text-xs text-red-700">
            {err("permittedGroupIds")}
          </p>
        )}
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isPublic" defaultChecked={v?.isPublic} />
        Public client (cannot keep a secret, e.g. a browser or mobile app): PKCE required
      </label>
      <button type="submit" className={buttonClass("primary")} disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
