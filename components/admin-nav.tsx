"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const sections: { label: string; items: { href: string; label: string }[] }[] = [
  {
    label: "Records",
    items: [
      { href: "/people", label: "People" },
      { href: "/companies", label: "Companies" },
      { href: "/pending-signups", label: "Pending signups" },
      { href: "/groups", label: "Groups" },
      { href: "/events", label: "Events" },
      { href: "/membership-types", label: "Membership types" },
      { href: "/custom-fields", label: "Custom fields" },
    ],
  },
  { label: "Operations", items: [{ href: "/workflows", label: "Workflows" }] },
  {
    label: "Association settings",
    items: [
      { href: "/settings/api-keys", label: "API keys" },
      { href: "/settings/integrations", label: "Integrations" },
      { href: "/settings/sso-clients", label: "SSO clients" },
      { href: "/settings/site", label: "Site" },
    ],
  },
];

/** `counts`: things that need staff, shown as a badge beside a page's link (e.g. set-aside changes). */
export function AdminNav({ counts = {} }: { counts?: Record<string, number> }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Staff" className="space-y-6">
      {sections.map((s) => (
        <div key={s.label}>
          <p className="px-3 text-xs font-semibold uppercase tracking-wide text-slate-400">{s.label}</p>
          <ul className="mt-2 space-y-1">
            {s.items.map((i) => {
              const active = pathname === i.href || pathname.startsWith(`${i.href}/`);
              return (
                <li key={i.href}>
                  <Link
                    href={i.href}
                    aria-current={active ? "page" : undefined}
                    className={`block rounded-md px-3 py-1.5 text-sm ${active ? "bg-brand-600 text-white" : "text-slate-200 hover:bg-slate-800"}`}
                  >
                    {i.label}
                    {(counts[i.href] ?? 0) > 0 && (
                      <span className="ml-2 rounded-full bg-amber-400 px-2 py-0.5 text-xs font-semibold text-slate-900">
                        {counts[i.href]}
                        <span className="sr-only"> need attention</span>
                      </span>
                    )}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
