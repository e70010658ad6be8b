#!/usr/bin/env bash
# `npm test`: the unit, PostgreSQL and contract suites, kept under ~30 s on 2 cores. Lint and
# the suites that run the shipped tools as processes are `npm run test:tooling`; CI runs both.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node_modules/.bin/vitest run --project unit --project postgres --project contract "$@"
