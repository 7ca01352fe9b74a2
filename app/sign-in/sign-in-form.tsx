"use client";
import { useActionState } from "react";
import { Field, TextInput } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { signInAction, type SignInState } from "./actions";

export function SignInForm({ callbackUrl, loginHint }: { callbackUrl: string; loginHint?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <Field id="email" label="Email">
        <TextInput
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email ?? loginHint}
        />
      </Field>
      <Field id="password" label="Password">
        <TextInput id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <button type="submit" className={buttonClass("primary", "w-full")} disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
