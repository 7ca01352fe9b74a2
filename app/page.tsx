// Home: send each visitor to their own place.
import { redirect } from "next/navigation";
import { currentAccount } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

export default async function Home() {
  const account = await currentAccount();
  if (!account) redirect("/sign-in");
  redirect(account.role === "admin" ? "/people" : "/compass");
}
