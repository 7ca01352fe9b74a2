import js from "@eslint/js";
import tseslint from "typescript-eslint";
import drizzle from "eslint-plugin-drizzle";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  {
    ignores: [
      "node_modules",
      ".next*",
      ".data*",
      "db/migrations",
      "test-results",
      "playwright-report",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { drizzle, "react-hooks": reactHooks },
    rules: {
      // An update or delete without `where` touches every row: never what we mean.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration through lib/core/env.ts, the only reader of process.env.",
        },
      ],
    },
  },
  // Which way imports run (STYLE.md): each layer knows only the ones below it. Tests may reach up (a test of
  // a query seeds through lib/, a lib/ test starts a stand-in from scripts/).
  {
    files: ["db/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/*", "!@/lib/core", "!@/lib/schemas"],
              message: "db/ is the bottom layer: it imports only lib/core, lib/schemas and db/ itself.",
            },
            {
              group: ["@/app/*", "@/components/*", "@/inngest/*", "@/scripts/*", "@/test/*"],
              message: "db/ is the bottom layer: it imports only lib/core, lib/schemas and db/ itself.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/core/**/*.ts", "lib/schemas/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/*", "!@/lib/core", "!@/lib/schemas", "@/db/*", "!@/db/schema"],
              message:
                "The kernel and the input schemas sit under everything: only lib/core, lib/schemas, db/schema.",
            },
            {
              group: ["@/app/*", "@/components/*", "@/inngest/*", "@/scripts/*", "@/test/*"],
              message:
                "The kernel and the input schemas sit under everything: only lib/core, lib/schemas, db/schema.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.ts"],
    ignores: ["**/*.test.ts", "lib/core/**", "lib/schemas/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/components/*", "@/scripts/*", "@/test/*"],
              message: "lib/ is domain code under app/ and components/: pass data in, never import them.",
            },
          ],
        },
      ],
    },
  },
  {
    // Components get their data and server actions as props from app/: they import nothing of app/
    // and nothing of the database layer, not even types (STYLE.md, "Which way imports run").
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(@/|(\\.\\./)+)(app|db|inngest|scripts)(/|$)",
              message:
                "Components import nothing of app/, db/, inngest/ or scripts/: take the data or action as a prop.",
            },
          ],
        },
      ],
    },
  },
  {
    // Entry points that run before or outside the app's env module.
    files: [
      "lib/core/env.ts",
      "next.config.ts",
      "playwright.config.ts",
      "vitest.config.ts",
      "scripts/**",
      "e2e/**",
      "test/**",
      "drizzle.config.ts",
      ".ci/**",
      "instrumentation.ts",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
);
