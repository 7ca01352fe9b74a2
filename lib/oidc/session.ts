// The member's Guildhall session as the provider needs it (who, and when they signed in).
import { sessionAccount } from "@/lib/auth/session";
import type { SessionInfo } from "./authorize";

export async function currentSessionInfo(): Promise<SessionInfo | null> {
  const signedIn = await sessionAccount();
  if (!signedIn) return null;
  const { account, authTime } = signedIn;
  return { userId: account.id, email: account.email, personId: account.personId, authTime };
}
