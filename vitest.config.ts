import path from "node:path";
import { defineConfig } from "vitest/config";

const shared = {
  include: ["**/*.test.ts"],
  exclude: ["node_modules/**", ".next*/**", "e2e/**"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests are server code.
      "server-only": path.resolve(import.meta.dirname, "test/empty-module.ts"),
    },
  },
  test: {
    // next-auth imports "next/server" without an extension; let vite resolve it.
    server: { deps: { inline: ["next-auth"] } },
    // Every test runs on Postgres; tests named *.db.test.ts run on PGlite as well.
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: "postgres",
          globalSetup: ["test/global-setup-postgres.ts"],
          env: { TEST_DB: "postgres" },
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: "pglite",
          include: ["**/*.db.test.ts"],
          globalSetup: ["test/global-setup-pglite.ts"],
          env: { TEST_DB: "pglite" },
        },
      },
    ],
  },
});
