"use client";
// Copies a value to the clipboard and says so. The accessible name is the visible word plus what is
// copied ("Copy API key", then "Copied API key"), so it always contains the text on screen.
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={buttonClass("secondary", "shrink-0 px-2 py-1 text-xs")}
      onClick={async () => {
        await navigator.clipboard.writeText(value);
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      <span aria-live="polite">{copied ? "Copied" : "Copy"}</span>
      <span className="sr-only"> {label}</span>
    </button>
  );
}

/** A read-only value with its copy button (inside a <dl>: only dt/dd directly in the row). */
export function CopyValue({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2 py-2 sm:flex-nowrap">
      <dt className="w-56 shrink-0 text-sm font-medium text-slate-700">{label}</dt>
      <dd className="flex min-w-0 flex-1 items-center gap-2">
        <code className="block min-w-0 flex-1 truncate rounded bg-slate-100 px-2 py-1 text-sm" title={value}>
          {value}
        </code>
        <CopyButton value={value} label={label} />
      </dd>
    </div>
  );
}
