#!/usr/bin/env bash
# npm test — the whole suite: lint, types, unit, integration (real PostgreSQL and
# Redis, in the suite's own database), production build, end-to-end in Chromium.
# Uses DATABASE_URL / REDIS_URL for the servers (never their data: the suite makes
# its own databases, crm_test and crm_e2e); defaults to the local services.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export NEXT_TELEMETRY_DISABLED=1
mkdir -p test-results

step() { printf '\n━━━ %s ━━━\n' "$1"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "install"
  npm install --no-audit --no-fund
fi
step "prisma generate"
npm run --silent prisma:generate >/dev/null

step "lint";        npm run --silent lint
step "typecheck";   npm run --silent typecheck
step "unit";        npx vitest run --project unit --reporter=default --reporter=json --outputFile=test-results/unit.json
step "CDNOW oracle"; npm run --silent verify:cdnow | tail -1
step "integration"; npx vitest run --project integration --reporter=default --reporter=json --outputFile=test-results/integration.json
step "build";       npm run --silent build
step "e2e";         npm run --silent test:e2e

node scripts/test-summary.mjs test-results/unit.json test-results/integration.json test-results/e2e.json
