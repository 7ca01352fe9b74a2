// Sign-in for staff and members (also the page OIDC sends members to).
import Link from "next/link";
import { getDb } from "@/db/client";
import { getSiteSettings } from "@/db/queries/site-settings";
import { SignInForm } from "./sign-in-form";
import { safeCallback } from "@/lib/auth/safe-callback";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const settings = await getSiteSettings(await getDb());
  return (
    <main id="main" className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to {settings.siteName}</h1>
        <div className="mt-6">
          <SignInForm callbackUrl={safeCallback(params.callbackUrl ?? "/")} loginHint={params.login_hint} />
        </div>
        <p className="mt-6 text-center text-sm text-slate-600">
          New member?{" "}
          <Link className="text-brand-700 underline" href="/compass/sign-up">
            Create your account
          </Link>
        </p>
      </div>
    </main>
  );
}
