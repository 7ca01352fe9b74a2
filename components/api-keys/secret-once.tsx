"use client";
// The API key, shown in full exactly once (right after save or roll), with a copy button.
import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";

export function SecretOnce({ id, secret, title }: { id: string; secret: string; title?: string }) {
  return (
    <div role="status" className="max-w-2xl space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-5">
      {title && <p className="text-amber-950">{title}</p>}
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
        <CopyButton value={secret} label="API key" />
      </div>
      <Link className="text-brand-700 underline" href={`/settings/api-keys/${id}`}>
        Continue to the key page
      </Link>
    </div>
  );
}
