// Where RP-initiated logout lands when the client gave no post-logout address.
import Link from "next/link";

export const metadata = { title: "Signed out" };

export default function SignedOutPage() {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
        <h1 className="text-xl font-semibold">You are signed out</h1>
        <p className="mt-4">
          <Link className="text-brand-700 underline" href="/sign-in">
            Sign in again
          </Link>
        </p>
      </div>
    </main>
  );
}
