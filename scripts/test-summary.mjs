// Adds up the checks, vitest and Playwright results into one closing line, and sets the exit code.
/* global console, process */
import fs from "node:fs";

const read = (f) => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : null);
let passed = 0;
let failed = 0;
const failures = [];
const fail = (count, why) => {
  failed += count;
  failures.push(why);
};

const checks = fs.existsSync(".test-results/checks.txt")
  ? fs.readFileSync(".test-results/checks.txt", "utf8")
  : "";
for (const line of checks.trim().split("\n").filter(Boolean)) {
  const [status, name] = line.split(" ");
  if (status === "pass") passed++;
  else fail(1, `check: ${name}`);
}

const vitest = read(".test-results/vitest.json");
if (!vitest) fail(1, "vitest: no results");
else {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  if (vitest.numTotalTests === 0) fail(1, "vitest: no tests ran");
  // A file that failed without a failing test did not load (a failing test is counted on its own below).
  for (const f of vitest.testResults ?? [])
    if (f.status === "failed" && !(f.assertionResults ?? []).some((t) => t.status === "failed"))
      fail(1, `vitest: ${f.name} failed to run`);
  for (const f of vitest.testResults ?? [])
    for (const t of f.assertionResults ?? [])
      if (t.status === "failed") failures.push(`vitest: ${t.fullName}`);
}

const pw = read(".test-results/playwright.json");
if (pw) {
  passed += pw.stats.expected + pw.stats.flaky;
  failed += pw.stats.unexpected;
  if (pw.stats.skipped) fail(pw.stats.skipped, `playwright: ${pw.stats.skipped} skipped`);
  if (pw.errors?.length) fail(1, `playwright: ${pw.errors[0].message?.split("\n")[0]}`);
} else if (checks.includes("pass build")) fail(1, "playwright: no results");

if (failures.length) console.log(`\nFailures:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
