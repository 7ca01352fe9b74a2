// Staff shell: checks the admin role once here; every page's data read and every action checks again.
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { AdminNav } from "@/components/admin-nav";
import { AccessDenied } from "@/components/access-denied";
import { adminOrNull } from "@/lib/auth/guards";
import { getSiteSettings } from "@/db/queries/site-settings";
import { getDb } from "@/db/client";
import { attentionCount } from "@/lib/changes/attention";
import { SignOutButton } from "@/components/sign-out-button";
import { signOutAction } from "@/app/sign-in/actions";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const path = (await headers()).get("x-pathname") ?? "/people";
  // Independent reads: the settings and attention count need not wait for the session check's round trip.
  const db = getDb();
  const [admin, settings, attention] = await Promise.all([
    adminOrNull(path),
    db.then(getSiteSettings),
    db.then(attentionCount),
  ]);
  if (!admin) return <AccessDenied />;
  return (
    <div className="flex min-h-screen">
      <aside className="w-60 shrink-0 bg-slate-900 px-3 py-5 text-white">
        <p className="px-3 text-lg font-semibold">{settings.siteName}</p>
        <p className="mb-6 px-3 text-xs text-slate-400">{settings.launched ? "Live site" : "Staging site"}</p>
        <AdminNav counts={{ "/workflows": attention }} />
        <div className="mt-8 border-t border-slate-700 px-3 pt-4 text-xs text-slate-300">
          <p className="truncate" title={admin.email}>
            {admin.email}
          </p>
          <SignOutButton action={signOutAction} className="mt-2 text-slate-200 underline" />
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-8 py-6">
        {children}
      </main>
    </div>
  );
}
