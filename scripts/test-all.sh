#!/usr/bin/env bash
# `npm test`: every check — format, lint, types, unit and integration tests on Postgres and PGlite,
# then Playwright end-to-end against `next start` in Debian's Chromium. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p .test-results
rm -f .test-results/vitest.json .test-results/playwright.json .test-results/checks.txt

check() { # name, command...
  local name=$1; shift
  echo "── $name"
  if "$@"; then echo "pass $name" >> .test-results/checks.txt; else echo "fail $name" >> .test-results/checks.txt; fi
}

check format ./node_modules/.bin/prettier --check --log-level warn .
check lint ./node_modules/.bin/eslint --max-warnings 0 .
check openapi ./node_modules/.bin/tsx scripts/lint-openapi.ts
check types bash -c "./node_modules/.bin/next typegen >/dev/null && ./node_modules/.bin/tsc --noEmit"
echo "── unit and integration tests (vitest)"
./node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json=.test-results/vitest.json
echo "── build"
if ./node_modules/.bin/next build > .test-results/build.log 2>&1; then
  echo "pass build" >> .test-results/checks.txt
  echo "── end-to-end tests (playwright)"
  rm -rf .data-e2e
  ./node_modules/.bin/playwright test
else
  tail -40 .test-results/build.log
  echo "fail build" >> .test-results/checks.txt
fi
node scripts/test-summary.mjs
