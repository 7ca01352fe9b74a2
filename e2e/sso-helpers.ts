// Helpers for the SSO specs: members and clients in the e2e site's database, a session cookie from a real
// browser sign-in, and one step of the authorization request followed by hand (no redirects followed).
import crypto from "node:crypto";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { signInAsAdmin } from "./fixtures";

export const port = Number(process.env.E2E_PORT ?? 3100);
export const ISSUER = `http://localhost:${port}`;
export const PASSWORD = "member-password-123";

// Child processes run asynchronously: a blocking execFileSync would stall the event loop while the server
// closes idle keep-alive connections, and the next fetch would then fail with "other side closed".
async function run<T>(script: string, args: string[]): Promise<T> {
  const { stdout } = await promisify(execFile)("./node_modules/.bin/tsx", [script, ...args], {
    env: {
      ...process.env,
      GUILDHALL_DATA_DIR: process.env.E2E_DATA_DIR,
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
    encoding: "utf8",
  });
  return JSON.parse(stdout) as T;
}
const seed = <T>(...args: string[]) => run<T>("e2e/sso-seed.ts", args);
/** The real CLI (like e2e/cli.ts, but without blocking). */
export const cliAsync = <T>(...args: string[]) => run<T>("scripts/cli.ts", [...args, "--json"]);

export const uniq = () => crypto.randomBytes(4).toString("hex");

export async function createMember(first = "Ada", last = `Tester${uniq()}`) {
  const email = `sso-${uniq()}@example.org`;
  const ids = await seed<{ personId: string; userId: string }>("member", first, last, email, PASSWORD);
  return { ...ids, email, first, last };
}
export type Member = Awaited<ReturnType<typeof createMember>>;

export const deactivate = (personId: string) => seed("deactivate", personId);
export const expireRetiredKeys = () => seed("expire-retired-keys");

export function createClient(redirectUris: string[], extra: string[] = []) {
  const args = redirectUris.flatMap((u) => ["--redirect-uri", u]);
  return cliAsync<{ id: string; client_id: string; client_secret: string }>(
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

/**
 * fetch, retried once when a kept-alive connection was closed by the server while idle (Node's fetch does
 * not retry POSTs itself; the CLI calls between requests often leave a connection idle past the timeout).
 */
export async function httpFetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    if (!String((e as Error & { cause?: Error }).cause?.message ?? "").includes("closed")) throw e;
    return fetch(url, init);
  }
}

/** One request to the authorization endpoint; returns the status and where it redirects. */
export async function authorizeStep(url: string | URL, cookie?: string, init: RequestInit = {}) {
  const res = await httpFetch(url, {
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

/** Signs in as the e2e staff admin and waits until the sign-in has landed. */
export async function signInStaff(page: Page) {
  await signInAsAdmin(page);
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
}
