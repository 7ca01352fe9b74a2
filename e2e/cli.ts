// Runs the real CLI against the e2e site's database (it attaches to the running site's PGlite socket).
import { execFileSync } from "node:child_process";

export function cli<T = unknown>(...args: string[]): T {
  const out = execFileSync("./node_modules/.bin/tsx", ["scripts/cli.ts", ...args, "--json"], {
    env: {
      ...process.env,
      GUILDHALL_DATA_DIR: process.env.E2E_DATA_DIR,
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
    encoding: "utf8",
  });
  return JSON.parse(out) as T;
}

export const ADMIN = { email: "e2e-admin@example.org", password: "e2e-admin-password" };
