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
              regex: "^(@/|(\\.\\./)+)(app|db)(/|$)",
              message: "Components import nothing of app/ or db/: take the data or action as a prop.",
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
