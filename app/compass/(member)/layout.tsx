// Member portal shell: only a signed-in, active person gets in; every page reads only their own data.
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { getSiteSettings } from "@/db/queries/site-settings";
import { requireMember } from "@/lib/auth/guards";
import { PortalNav } from "@/components/compass/portal-nav";
import { SignOutButton } from "@/components/sign-out-button";
import { signOutAction } from "@/app/sign-in/actions";

export const dynamic = "force-dynamic";

export default async function CompassLayout({ children }: { children: ReactNode }) {
  const me = await requireMember((await headers()).get("x-pathname") ?? "/compass");
  const settings = await getSiteSettings(await getDb());
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-4 px-6 py-3">
          <p className="font-semibold">{settings.siteName} · Compass</p>
          <PortalNav />
          <div className="flex items-center gap-3 text-sm text-slate-600">
            <span className="truncate" title={me.email}>
              {me.firstName} {me.lastName}
            </span>
            <SignOutButton action={signOutAction} className="text-brand-700 underline" />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-4xl px-6 py-8">
        {children}
      </main>
    </div>
  );
}
