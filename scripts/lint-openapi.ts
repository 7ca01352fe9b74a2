// `npm run lint:openapi`: lints the served OpenAPI document (built by lib/api/openapi.ts) with Redocly's
// recommended rules (redocly.yaml). Redocly exits 0 on warnings; here any warning fails too, so the
// document stays clean for generated clients.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildOpenApi } from "@/lib/api/openapi";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gh-openapi-"));
const file = path.join(dir, "openapi.json");
fs.writeFileSync(file, JSON.stringify(buildOpenApi(), null, 1));
const run = spawnSync(
  "./node_modules/.bin/redocly",
  ["lint", file, "--config", "redocly.yaml", "--format", "stylish"],
  {
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  },
);
fs.rmSync(dir, { recursive: true, force: true });
const out = `${run.stdout}\n${run.stderr}`;
const problems = out
  .split("\n")
  .filter((l) => /\b(warning|error)\b/.test(l) && !/Deprecation warning/.test(l));
if (run.status !== 0 || problems.length) {
  console.error(problems.join("\n") || out);
  process.exit(1);
}
console.log("OpenAPI document: no problems (Redocly recommended rules)");
