"use server";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/next-auth";
import { endSession } from "@/lib/auth/session";
import { safeCallback } from "@/lib/auth/safe-callback";

export type SignInState = { error?: string; email?: string };

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  try {
    await signIn("credentials", {
      email,
      password: String(form.get("password") ?? ""),
      redirectTo: safeCallback(form.get("callbackUrl")),
    });
    return {};
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code;
      return {
        email,
        error:
          code === "rate_limited"
            ? "Too many failed attempts. Wait 15 minutes and try again."
            : "That email and password don't match an active account.",
      };
    }
    throw e; // the success redirect
  }
}

/** The Sign out button's action (staff shell, compass shell, the SSO "access not allowed" page). */
export async function signOutAction() {
  await endSession({ redirectTo: "/sign-in" });
}
