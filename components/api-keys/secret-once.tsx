"use client";
// The API key, shown in full exactly once (right after save or roll), with a copy button.
import Link from "next/link";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";

export function SecretOnce({ id, secret }: { id: string; secret: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="max-w-2xl space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-5">
      <p className="font-semibold text-amber-950">Copy the API key now: it will not be shown again.</p>
      <p className="text-sm text-amber-950">
        Guildhall keeps only a hash of it. If it is lost, roll the key.
      </p>
      <div className="flex items-center gap-2">
        <code
          data-testid="api-key-secret"
          className="block min-w-0 flex-1 truncate rounded bg-white px-2 py-1 text-sm"
          title={secret}
        >
          {secret}
        </code>
        <button
          type="button"
          className={buttonClass("secondary", "shrink-0 px-2 py-1 text-xs")}
          aria-label="Copy API key"
          onClick={async () => {
            await navigator.clipboard.writeText(secret);
            setCopied(true);
          }}
        >
          <span aria-live="polite">{copied ? "Copied" : "Copy"}</span>
        </button>
      </div>
      <Link className="text-brand-700 underline" href={`/settings/api-keys/${id}`}>
        Continue to the key page
      </Link>
    </div>
  );
}
