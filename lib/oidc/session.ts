// The member's Guildhall session as the provider needs it (who, and when they signed in).
import { getDb } from "@/db/client";
import { getAccount } from "@/db/queries/users";
import { auth } from "@/lib/auth/next-auth";
import type { SessionInfo } from "./authorize";

export async function currentSessionInfo(): Promise<SessionInfo | null> {
  const session = (await auth()) as { userId?: string; authTime?: number } | null;
  if (!session?.userId) return null;
  const account = await getAccount(await getDb(), session.userId);
  if (!account) return null;
  // Sessions from before authTime existed count as old: prompt=login/max_age then ask again.
  return {
    userId: account.id,
    email: account.email,
    personId: account.personId,
    authTime: session.authTime ?? 0,
  };
}
