"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const items = [
  { href: "/compass", label: "Home" },
  { href: "/compass/profile", label: "Profile" },
  { href: "/compass/memberships", label: "Memberships" },
  { href: "/compass/events", label: "Events" },
  { href: "/compass/groups", label: "My groups" },
];

export function PortalNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Member portal">
      <ul className="flex flex-wrap gap-1">
        {items.map((i) => {
          const active = i.href === "/compass" ? pathname === i.href : pathname.startsWith(i.href);
          return (
            <li key={i.href}>
              <Link
                href={i.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-3 py-1.5 text-sm ${active ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {i.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
