"use client";
// The client secret, shown exactly once (right after create or regenerate).
import Link from "next/link";
import { CopyValue } from "@/components/ui/copy-button";

export function SecretOnce({
  id,
  clientId,
  clientSecret,
}: {
  id: string;
  clientId: string;
  clientSecret: string;
}) {
  return (
    <div role="status" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-5">
      <p className="font-semibold text-amber-950">Copy the secret key now: it will not be shown again.</p>
      <p className="text-sm text-amber-950">
        Guildhall keeps only a hash of it. If it is lost, regenerate it from the client page.
      </p>
      <dl>
        <CopyValue label="Client ID" value={clientId} />
        <CopyValue label="Secret key" value={clientSecret} />
      </dl>
      <Link className="text-brand-700 underline" href={`/settings/sso-clients/${id}`}>
        Continue to the client&apos;s setup values
      </Link>
    </div>
  );
}
