// Checks an email + password sign-in attempt: throttled, timing-safe for unknown accounts, and only for
// accounts that may sign in (an active person, or a staff admin with no person record).
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { findUserByEmail, getAccount, markSignedIn } from "@/db/queries/users";
import { canSignIn } from "@/lib/auth/accounts";
import { burnPasswordCheck, verifyPassword } from "./password";
import { clearFailures } from "@/db/queries/sign-in-throttle";
import { isLocked, recordFailure } from "./throttle";

const credentials = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(200),
});

export type SignInUser = {
  id: string;
  email: string;
  role: "admin" | "member";
  authTime: number;
  sessionVersion: number;
};
export type CredentialCheck =
  { ok: true; user: SignInUser } | { ok: false; reason: "invalid" | "rate_limited" };

export async function checkCredentials(db: DbOrTx, raw: unknown, address: string): Promise<CredentialCheck> {
  const parsed = credentials.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const keys = [`email:${email}`, `ip:${address}`];
  if (await isLocked(db, keys)) return { ok: false, reason: "rate_limited" };
  const user = await findUserByEmail(db, email);
  const ok = user
    ? await verifyPassword(user.passwordHash, password)
    : (await burnPasswordCheck(password), false);
  const account = ok && user ? await getAccount(db, user.id) : null;
  if (!account || !canSignIn(account)) {
    await recordFailure(db, keys);
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(db, `email:${email}`);
  await markSignedIn(db, account.id);
  return {
    ok: true,
    user: {
      id: account.id,
      email: account.email,
      role: account.role,
      authTime: Math.floor(Date.now() / 1000),
      sessionVersion: account.sessionVersion,
    },
  };
}
