// Helpers for the SSO specs: members and clients in the e2e site's database, a session cookie from a real
// browser sign-in, and one step of the authorization request followed by hand (no redirects followed).
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { cli } from "./cli";

export const port = Number(process.env.E2E_PORT ?? 3100);
export const ISSUER = `http://localhost:${port}`;
export const PASSWORD = "member-password-123";

function seed<T>(...args: string[]): T {
  const out = execFileSync("./node_modules/.bin/tsx", ["e2e/sso-seed.ts", ...args], {
    env: {
      ...process.env,
      GUILDHALL_DATA_DIR: process.env.E2E_DATA_DIR,
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
    encoding: "utf8",
  });
  return JSON.parse(out) as T;
}

export const uniq = () => crypto.randomBytes(4).toString("hex");

export function createMember(first = "Ada", last = `Tester${uniq()}`) {
  const email = `sso-${uniq()}@example.org`;
  const ids = seed<{ personId: string; userId: string }>("member", first, last, email, PASSWORD);
  return { ...ids, email, first, last };
}

export const deactivate = (personId: string) => seed("deactivate", personId);
export const expireRetiredKeys = () => seed("expire-retired-keys");

export function createClient(redirectUris: string[], extra: string[] = []) {
  const args = redirectUris.flatMap((u) => ["--redirect-uri", u]);
  return cli<{ id: string; client_id: string; client_secret: string }>(
    "sso-client",
    "create",
    "--name",
    `RP ${uniq()}`,
    ...args,
    ...extra,
  );
}

/** Signs in through Guildhall's real sign-in page and returns the session cookie header. */
export async function sessionCookie(page: Page, email: string, password = PASSWORD): Promise<string> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  const cookies = await page.context().cookies(ISSUER);
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/** One request to the authorization endpoint; returns the status and where it redirects. */
export async function authorizeStep(url: string | URL, cookie?: string, init: RequestInit = {}) {
  const res = await fetch(url, {
    redirect: "manual",
    ...init,
    headers: { ...(cookie ? { cookie } : {}), ...init.headers },
  });
  const location = res.headers.get("location");
  return {
    status: res.status,
    location: location ? new URL(location, ISSUER) : null,
    body: await res.text(),
  };
}
