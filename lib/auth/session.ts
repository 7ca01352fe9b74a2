// The account behind the request's session cookie. Sessions are JWTs (no server-side row), so each carries
// the account's session version from sign-in; signing out bumps the version, which ends every copy of the
// cookie at once, however long its own expiry.
import { getDb } from "@/db/client";
import { bumpSessionVersion, getAccount, type Account } from "@/db/queries/users";
import { auth, signOut } from "./next-auth";

type SessionClaims = { userId?: string; authTime?: number; sessionVersion?: number };

/** The account and when it signed in, or null (no session, account removed, or signed out since). */
export async function sessionAccount(): Promise<{ account: Account; authTime: number } | null> {
  const session = (await auth()) as SessionClaims | null;
  if (!session?.userId) return null;
  const account = await getAccount(await getDb(), session.userId);
  if (!account || account.sessionVersion !== (session.sessionVersion ?? 0)) return null;
  // Sessions from before authTime existed count as old: prompt=login/max_age then ask again.
  return { account, authTime: session.authTime ?? 0 };
}

/** Signs out here and ends the account's other sessions (copied or on other devices). */
export async function endSession(options: { redirectTo?: string } = {}): Promise<void> {
  const session = (await auth()) as SessionClaims | null;
  if (session?.userId) await bumpSessionVersion(await getDb(), session.userId);
  await signOut(options.redirectTo ? { redirectTo: options.redirectTo } : { redirect: false });
}
