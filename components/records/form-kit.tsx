"use client";
// Staff form building blocks: a form bound to a server action whose field errors appear next to the
// inputs, keeping what was typed (the submit is intercepted so React does not reset the form).
import { createContext, useActionState, useContext, useEffect, useRef, type ReactNode } from "react";
import { startTransition } from "react";
import { Field, Select, TextArea, TextInput } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import type { FormState } from "@/lib/schemas/form-state";

export type { FormState };
export type FormAction = (prev: FormState, form: FormData) => Promise<FormState>;

const StateContext = createContext<{ state: FormState; pending: boolean }>({ state: {}, pending: false });
export const useFieldError = (name: string) => useContext(StateContext).state.fieldErrors?.[name];
const idOf = (name: string, prefix = "f") => `${prefix}-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

export function ActionForm({
  action,
  submitLabel,
  children,
  className = "space-y-4",
  ariaLabel,
}: {
  action: FormAction;
  submitLabel: string;
  children: ReactNode;
  className?: string;
  ariaLabel?: string;
}) {
  const [state, run, pending] = useActionState(action, {});
  const formRef = useRef<HTMLFormElement>(null);
  // A create form that stays on the page (it reports a notice) starts empty again after success.
  useEffect(() => {
    if (state.notice && !state.error) formRef.current?.reset();
  }, [state]);
  // Errors not tied to a visible input (e.g. an unknown custom field) still need to be shown.
  return (
    <StateContext.Provider value={{ state, pending }}>
      <form
        ref={formRef}
        aria-label={ariaLabel}
        noValidate
        className={className}
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          startTransition(() => run(data));
        }}
      >
        {state.error && (
          <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            {state.error}
          </div>
        )}
        {state.notice && (
          <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
            {state.notice}
          </p>
        )}
        {children}
        <button type="submit" className={buttonClass("primary")} disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
      </form>
    </StateContext.Provider>
  );
}

type Common = { name: string; label: string; hint?: string; required?: boolean };

export function TextF({
  name,
  label,
  hint,
  required,
  defaultValue,
  type = "text",
  ...rest
}: Common & {
  defaultValue?: string | number | null;
  type?: string;
  autoComplete?: string;
  step?: string;
  min?: number;
}) {
  const error = useFieldError(name);
  const id = idOf(name);
  return (
    <Field id={id} label={required ? `${label} (required)` : label} hint={hint} error={error}>
      <TextInput
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue ?? ""}
        error={error}
        aria-required={required || undefined}
        {...rest}
      />
    </Field>
  );
}

export function AreaF({ name, label, hint, defaultValue }: Common & { defaultValue?: string | null }) {
  const error = useFieldError(name);
  const id = idOf(name);
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <TextArea
        id={id}
        name={name}
        defaultValue={defaultValue ?? ""}
        error={error}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
      />
    </Field>
  );
}

export function SelectF({
  name,
  label,
  hint,
  required,
  defaultValue,
  options,
  empty,
}: Common & {
  defaultValue?: string | null;
  options: { value: string; label: string }[];
  /** Label of a leading "nothing chosen" option. */
  empty?: string;
}) {
  const error = useFieldError(name);
  const id = idOf(name);
  return (
    <Field id={id} label={required ? `${label} (required)` : label} hint={hint} error={error}>
      <Select id={id} name={name} defaultValue={defaultValue ?? ""} error={error}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function CheckF({ name, label, hint, defaultChecked }: Common & { defaultChecked?: boolean }) {
  const error = useFieldError(name);
  const id = idOf(name);
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        name={name}
        type="checkbox"
        defaultChecked={defaultChecked}
        className="mt-1 h-4 w-4"
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            {hint}
          </p>
        )}
        {error && (
          <p role="alert" className="text-xs text-red-700">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

/** A group of checkboxes sharing one name (multiple choice). */
export function ChecklistF({
  name,
  label,
  options,
  defaultValue = [],
}: Common & { options: string[]; defaultValue?: string[] }) {
  const error = useFieldError(name);
  const id = idOf(name);
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-700">{label}</legend>
      <input type="hidden" name={`${name}.present`} value="1" />
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o, i) => (
          <label key={o} className="flex items-center gap-2 text-sm" htmlFor={`${id}-${i}`}>
            <input
              id={`${id}-${i}`}
              type="checkbox"
              name={name}
              value={o}
              defaultChecked={defaultValue.includes(o)}
              className="h-4 w-4"
            />
            {o}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
