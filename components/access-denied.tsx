import Link from "next/link";

export function AccessDenied({ message = "Only staff admins can open this page." }: { message?: string }) {
  return (
    <main id="main" className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">Access denied</h1>
      <p className="mt-3 text-slate-700">{message}</p>
      <p className="mt-6">
        <Link className="text-brand-700 underline" href="/">
          Go to your home page
        </Link>
      </p>
    </main>
  );
}
