"use client";
// A destructive action behind a confirmation dialog (native <dialog>: focus trap and Escape for free).
import { useId, useRef, useState, useTransition, type ReactNode } from "react";
import { buttonClass, type ButtonVariant } from "./button";

export function ConfirmButton({
  label,
  title,
  body,
  confirmLabel,
  action,
  variant = "danger",
  ariaLabel,
}: {
  label: string;
  /** The button's accessible name when the label alone is ambiguous (one per table row). */
  ariaLabel?: string;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  /** A server action; a returned string is shown as an error. */
  action: () => Promise<string | void>;
  variant?: ButtonVariant;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId(); // several confirm buttons may share a page
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className={buttonClass(variant)}
        aria-label={ariaLabel}
        onClick={() => ref.current?.showModal()}
      >
        {label}
      </button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <div className="mt-2 text-sm text-slate-700">{body}</div>
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="mt-6 flex justify-end gap-2">
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={() => ref.current?.close()}
            autoFocus
          >
            Cancel
          </button>
          <button
            type="button"
            className={buttonClass(variant)}
            disabled={pending}
            onClick={() =>
              start(async () => {
                const message = await action();
                if (message) setError(message);
                else ref.current?.close();
              })
            }
          >
            {pending ? "Working…" : confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
