import Link from "next/link";

/** The one "page not found" message, branded by the shell around it, always with a way back. */
export function NotFoundPanel({ backHref, backLabel }: { backHref: string; backLabel: string }) {
  return (
    <section aria-labelledby="not-found-title" className="mx-auto max-w-lg py-10 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 id="not-found-title" className="mt-1 text-2xl font-semibold">
        Page not found
      </h1>
      <p className="mt-3 text-slate-700">
        This page does not exist, or it has moved. Check the address, or go back and find it from the menu.
      </p>
      <p className="mt-6">
        <Link className="text-brand-700 underline" href={backHref}>
          {backLabel}
        </Link>
      </p>
    </section>
  );
}
