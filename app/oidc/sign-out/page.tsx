// RP-initiated logout without proof of who asked (no matching id_token_hint): the member confirms here, so a
// link or image on another site cannot sign them out. The form posts back to the end-session endpoint.
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { getSiteSettings } from "@/db/queries/site-settings";
import { findSsoClientByClientId } from "@/db/queries/sso-clients";
import { endpointsOf, issuerOf } from "@/lib/oidc/config";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign out?" };

/** The RP-Initiated Logout parameters carried through the confirmation. */
const CARRIED = ["id_token_hint", "client_id", "post_logout_redirect_uri", "state", "ui_locales"];

export default async function ConfirmSignOutPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const p = await searchParams;
  const db = await getDb();
  const value = (k: string) => (typeof p[k] === "string" ? (p[k] as string) : undefined);
  const clientId = value("client_id");
  const client = clientId ? await findSsoClientByClientId(db, clientId) : null;
  const { siteName } = await getSiteSettings(db);
  return (
    <main id="main" className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign out of {siteName}?</h1>
        <p className="mt-4 text-slate-700">
          {client ? `${client.name} asked to sign you out.` : "An application asked to sign you out."} You
          will need to sign in again to use the member portal and partner sites.
        </p>
        <form method="post" action={endpointsOf(await issuerOf(db)).endSession} className="mt-6">
          {CARRIED.map((k) =>
            value(k) !== undefined ? <input key={k} type="hidden" name={k} value={value(k)} /> : null,
          )}
          <input type="hidden" name="confirm" value="1" />
          <div className="flex flex-wrap items-center gap-4">
            <Button type="submit">Sign out</Button>
            <Link className="text-brand-700 underline" href="/compass">
              Stay signed in
            </Link>
          </div>
        </form>
      </div>
    </main>
  );
}
