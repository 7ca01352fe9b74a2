// Who is asking: every admin page, admin action and portal read goes through one of these.
import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import type { Account } from "@/db/queries/users";
import { canSignIn } from "@/lib/auth/accounts";
import { AppError } from "@/lib/core/errors";
import type { Actor } from "@/db/queries/changes";
import { sessionAccount } from "./session";

/** The signed-in account, re-read from the database (null if signed out, deleted or deactivated). */
export const currentAccount = cache(async (): Promise<Account | null> => {
  const account = (await sessionAccount())?.account;
  return account && canSignIn(account) ? account : null;
});

export const actorOf = (a: Pick<Account, "id">): Actor => `user:${a.id}`;

/** For pages and layouts: sends strangers to sign in; returns null for a signed-in non-admin. */
export async function adminOrNull(next: string): Promise<Account | null> {
  const account = await currentAccount();
  if (!account) redirect(`/sign-in?callbackUrl=${encodeURIComponent(next)}`);
  return account.role === "admin" ? account : null;
}

/** For server actions and route handlers: throws unless the caller is a staff admin. */
export async function requireAdmin(): Promise<Account> {
  const account = await currentAccount();
  if (!account) throw new AppError("unauthorized", "Sign in first.");
  if (account.role !== "admin") throw new AppError("forbidden", "Only staff admins can do this.");
  return account;
}

/** For the member portal: a signed-in, active person. Always "their own" data, never an id from the request. */
export async function requireMember(next = "/compass"): Promise<Account & { personId: string }> {
  const account = await currentAccount();
  if (!account) redirect(`/sign-in?callbackUrl=${encodeURIComponent(next)}`);
  if (!account.personId) redirect("/");
  return account as Account & { personId: string };
}
