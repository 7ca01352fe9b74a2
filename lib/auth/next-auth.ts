// Auth.js (next-auth v5): email + password sign-in, JWT sessions. Roles and "is this person still
// active" are re-read from the database by the guards on every request, so deactivation takes effect at once.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { clientAddressOf } from "@/lib/core/client-address";
import { getSiteSecret } from "@/lib/core/crypto";
import { checkCredentials } from "./credentials";

class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

const clientAddress = (request: Request | undefined) =>
  (request && clientAddressOf(request.headers)) || "unknown";

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
      async authorize(raw, request) {
        const result = await checkCredentials(await getDb(), raw, clientAddress(request));
        if (result.ok) return result.user;
        if (result.reason === "rate_limited") throw new TooManyAttempts();
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const u = user as { authTime?: number; sessionVersion?: number };
        token.uid = user.id;
        token.authTime = u.authTime;
        token.sv = u.sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        userId: token.uid as string,
        authTime: token.authTime as number | undefined,
        sessionVersion: (token.sv as number | undefined) ?? 0,
      };
    },
  },
}));
