#!/usr/bin/env bash
# `npm test`: lint (Redocly, tsc, Biome) beside the unit and contract suites, so tsc's
# single-threaded seconds overlap the suites' waiting on sockets; lint's output is shown
# once it ends. tsc also checks test/**/*.test-d.ts (every @ts-expect-error and
# expectTypeOf), so Vitest's `types` project, a second tsc over the same files, is left to
# `npm run test:types`; generated/ is checked by test/check-generated.test.ts.
set -uo pipefail
cd "$(dirname "$0")/.."
lint_log="$(mktemp)"
trap 'rm -f "$lint_log"' EXIT
bash scripts/lint.sh >"$lint_log" 2>&1 &
lint_pid=$!
node_modules/.bin/vitest run --project unit --project postgres --project contract "$@"
tests=$?
wait "$lint_pid"
lint=$?
cat "$lint_log"
if [ "$lint" -ne 0 ]; then echo "npm test: lint failed" >&2; fi
if [ "$tests" -ne 0 ]; then echo "npm test: tests failed" >&2; fi
[ "$lint" -eq 0 ] && [ "$tests" -eq 0 ]
