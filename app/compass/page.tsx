// The member portal home.
import { requireMember } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

export default async function CompassHome() {
  const me = await requireMember();
  return (
    <main id="main" className="mx-auto max-w-3xl p-8">
      <h1 className="text-2xl font-semibold">Welcome, {me.firstName}</h1>
    </main>
  );
}
