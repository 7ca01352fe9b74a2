import { defineConfig } from "@playwright/test";
import { NEXT_NODE_OPTIONS } from "./scripts/next-start";

const port = Number(process.env.E2E_PORT ?? 3100);
// Each run gets a fresh embedded database unless E2E_DATABASE_URL points at Postgres.
const dataDir = process.env.E2E_DATA_DIR ?? `.data-e2e/${Date.now()}`;
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI
    ? [["list"], ["json", { outputFile: ".test-results/playwright.json" }]]
    : [["list"], ["json", { outputFile: ".test-results/playwright.json" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    // Next rewrites 127.0.0.1 to localhost in redirects; use localhost so cookies stick (stack-notes P10).
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `./node_modules/.bin/next start -p ${port}`,
    url: `http://localhost:${port}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      GUILDHALL_DATA_DIR: dataDir,
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
      GUILDHALL_SITE_URL: `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_OPTIONS: NEXT_NODE_OPTIONS,
      PORT: String(port),
      // The specs' vendor stand-ins listen on localhost (random ports); connector base URLs pass the
      // outbound address guard. 127.0.0.1 stays refused (the webhooks spec needs the site setting for it).
      GUILDHALL_OUTBOUND_ALLOW: "localhost",
    },
  },
});
