// Staff "Test sign-in" lands here: shows the ID token claims the partner would receive.
import Link from "next/link";
import { getDb } from "@/db/client";
import { issuerOf } from "@/lib/oidc/config";
import { completeTestSignIn } from "@/lib/oidc/test-sign-in";

export const dynamic = "force-dynamic";
export const metadata = { title: "Test sign-in result" };

export default async function TestCallbackPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const p = await searchParams;
  const db = await getDb();
  const result = p.code
    ? await completeTestSignIn(db, await issuerOf(db), p.code)
    : {
        ok: false as const,
        message: p.error ? `${p.error}: ${p.error_description ?? ""}` : "No code received.",
      };
  return (
    <main id="main" className="mx-auto max-w-2xl p-8">
      <h1 className="text-2xl font-semibold">Test sign-in {result.ok ? "succeeded" : "failed"}</h1>
      {result.ok ? (
        <>
          <p className="mt-2 text-slate-700">
            These are the ID token claims {result.clientName} would receive for this member.
          </p>
          <h2 className="mt-6 font-semibold">ID token claims</h2>
          <pre
            aria-label="ID token claims"
            className="mt-2 overflow-x-auto rounded-md bg-slate-900 p-4 text-sm text-slate-100"
          >
            {JSON.stringify(result.claims, null, 2)}
          </pre>
          <h2 className="mt-6 font-semibold">Token header</h2>
          <pre className="mt-2 overflow-x-auto rounded-md bg-slate-100 p-4 text-sm">
            {JSON.stringify(result.header, null, 2)}
          </pre>
        </>
      ) : (
        <p role="alert" className="mt-4 rounded-md bg-red-50 p-3 text-red-800">
          {result.message}
        </p>
      )}
      <p className="mt-6">
        <Link className="text-brand-700 underline" href="/settings/sso-clients">
          Back to SSO clients
        </Link>
      </p>
    </main>
  );
}
