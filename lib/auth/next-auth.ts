// Auth.js (next-auth v5): email + password sign-in, JWT sessions. Roles and "is this person still
// active" are re-read from the database by the guards on every request, so deactivation takes effect at once.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { canSignIn, findUserByEmail, getAccount, markSignedIn } from "@/db/queries/users";
import { burnPasswordCheck, verifyPassword } from "./password";
import { clearFailures, isLocked, recordFailure } from "./throttle";
import { getSiteSecret } from "@/lib/secrets";

class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

const credentials = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(200),
});

function clientAddress(request: Request | undefined): string {
  const fwd = request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return fwd || request?.headers.get("x-real-ip") || "unknown";
}

/** Checks a sign-in attempt; exported so tests can exercise it without HTTP. */
export async function authorizeCredentials(raw: unknown, address: string) {
  const parsed = credentials.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const db = await getDb();
  const keys = [`email:${email}`, `ip:${address}`];
  if (await isLocked(db, keys)) throw new TooManyAttempts();
  const user = await findUserByEmail(db, email);
  const ok = user
    ? await verifyPassword(user.passwordHash, password)
    : (await burnPasswordCheck(password), false);
  const account = ok && user ? await getAccount(db, user.id) : null;
  if (!account || !canSignIn(account)) {
    await recordFailure(db, keys);
    return null;
  }
  await clearFailures(db, `email:${email}`);
  await markSignedIn(db, account.id);
  return {
    id: account.id,
    email: account.email,
    role: account.role,
    authTime: Math.floor(Date.now() / 1000),
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: getSiteSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 60 * 60 * 12 },
  pages: { signIn: "/sign-in" },
  logger: {
    // A failed sign-in is an expected outcome (and is throttled), not a server error with a stack trace.
    error(error: Error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin")
        return;
      console.error("[auth]", error.name, error.message);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: (raw, request) => authorizeCredentials(raw, clientAddress(request)),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.authTime = (user as { authTime?: number }).authTime;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.uid as string, authTime: token.authTime as number | undefined };
    },
  },
}));
