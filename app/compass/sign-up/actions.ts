"use server";
// Compass sign-up: creates the person and their member account, then signs them in.
import { AuthError } from "next-auth";
import { getDb } from "@/db/client";
import { signUpMember } from "@/lib/portal/sign-up";
import { signIn } from "@/lib/auth/next-auth";
import { AppError } from "@/lib/core/errors";
import type { SignUpState } from "@/components/compass/sign-up-form";

export async function signUpAction(_prev: SignUpState, form: FormData): Promise<SignUpState> {
  const values = Object.fromEntries(
    ["firstName", "lastName", "email", "password", "companyId"].map((k) => [k, String(form.get(k) ?? "")]),
  );
  try {
    await signUpMember(await getDb(), values);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const fieldErrors = Object.fromEntries((e.details?.fields ?? []).map((f) => [f.field, f.message]));
    const { password: _pw, ...kept } = values; // never echo a password back into the page
    return { error: e.message, fieldErrors, values: kept };
  }
  try {
    await signIn("credentials", { email: values.email, password: values.password, redirectTo: "/compass" });
  } catch (e) {
    if (e instanceof AuthError)
      return { error: "Your account was created, but signing in failed. Sign in from the sign-in page." };
    throw e; // the success redirect
  }
  return {};
}
