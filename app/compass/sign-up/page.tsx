// Compass sign-up: a new member creates their own account (optionally asking to join a company).
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { listCompanyChoices } from "@/db/queries/companies";
import { getSiteSettings } from "@/db/queries/site-settings";
import { currentAccount } from "@/lib/auth/guards";
import { SignUpForm } from "@/components/compass/sign-up-form";
import { signUpAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Create your account" };

export default async function SignUpPage() {
  if (await currentAccount()) redirect("/");
  const db = await getDb();
  const [settings, companies] = await Promise.all([getSiteSettings(db), listCompanyChoices(db)]);
  return (
    <main id="main" className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Join {settings.siteName}</h1>
        <p className="mt-1 text-sm text-slate-600">Create your member account.</p>
        <div className="mt-6">
          <SignUpForm companies={companies.map((c) => ({ id: c.id, name: c.name }))} action={signUpAction} />
        </div>
        <p className="mt-6 text-center text-sm text-slate-600">
          Already have an account?{" "}
          <Link className="text-brand-700 underline" href="/sign-in?callbackUrl=%2Fcompass">
            Sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
