// Shown when a signed-in person may not use an SSO client; the link returns access_denied to the client.
import Link from "next/link";
import { getDb } from "@/db/client";
import { findSsoClientByClientId } from "@/db/queries/sso-clients";
import { denyMessages, type DenyReason } from "@/lib/oidc/access";
import { errorRedirect } from "@/lib/oidc/authorize";
import { issuerOf } from "@/lib/oidc/config";
import { SignOutButton } from "@/components/sign-out-button";
import { signOutAction } from "@/app/sign-in/actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Access not allowed" };

export default async function DeniedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const p = await searchParams;
  const db = await getDb();
  const client = p.client_id ? await findSsoClientByClientId(db, p.client_id) : null;
  const reason = (p.reason && p.reason in denyMessages ? p.reason : "not_in_group") as DenyReason;
  // Rebuilt from the registered client, never taken verbatim from the query (no open redirect).
  const back =
    client && p.redirect_uri && client.redirectUris.includes(p.redirect_uri)
      ? errorRedirect(
          await issuerOf(db),
          p.redirect_uri,
          p.state ?? null,
          "access_denied",
          "The member may not use this application.",
        )
      : null;
  return (
    <main id="main" className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-lg rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">
          You can&apos;t sign in to {client?.name ?? "this application"}
        </h1>
        <p className="mt-4 text-slate-700">{denyMessages[reason]}</p>
        <div className="mt-6 flex flex-wrap items-center gap-4">
          {back && (
            <a className="text-brand-700 underline" href={back}>
              Return to {client?.name}
            </a>
          )}
          <Link className="text-brand-700 underline" href="/">
            Go to the association&apos;s site
          </Link>
          <SignOutButton action={signOutAction} className="text-brand-700 underline" />
        </div>
      </div>
    </main>
  );
}
