"use client";
// A one-button form (optionally with a few inputs) bound to a server action, reporting errors inline.
// Used for row actions: register a person, change a registration's status, approve or reject a signup.
import { useActionState, type ReactNode } from "react";
import { buttonClass, type ButtonVariant } from "@/components/ui/button";
import type { FormAction } from "./form-kit";

export function InlineAction({
  action,
  label,
  ariaLabel,
  variant = "secondary",
  children,
}: {
  action: FormAction;
  label: string;
  /** The button's accessible name when the visible label alone is ambiguous (e.g. "Approve Ada Lovelace"). */
  ariaLabel?: string;
  variant?: ButtonVariant;
  children?: ReactNode;
}) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className="inline-flex flex-wrap items-center gap-2">
      {children}
      <button type="submit" className={buttonClass(variant)} aria-label={ariaLabel} disabled={pending}>
        {pending ? "Working…" : label}
      </button>
      {state.error && (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      )}
      {state.notice && (
        <span role="status" className="text-xs text-green-800">
          {state.notice}
        </span>
      )}
    </form>
  );
}
