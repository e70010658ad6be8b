#!/usr/bin/env bash
# `npm run test:tooling` (CI runs it after `npm test`): lint (Redocly, tsc, Biome) beside the
# suites that run the shipped tools as processes (npm pack and install, tsc, the CLIs, the
# generator, git), so tsc's single-threaded seconds overlap their waiting on processes.
# tsc also checks test/**/*.test-d.ts (every @ts-expect-error and expectTypeOf), so Vitest's
# `types` project, a second tsc over the same files, is left to `npm run test:types`.
set -uo pipefail
cd "$(dirname "$0")/.."
lint_log="$(mktemp)"
trap 'rm -f "$lint_log"' EXIT
bash scripts/lint.sh >"$lint_log" 2>&1 &
lint_pid=$!
node_modules/.bin/vitest run --project tooling "$@"
tests=$?
wait "$lint_pid"
lint=$?
cat "$lint_log"
if [ "$lint" -ne 0 ]; then echo "test:tooling: lint failed" >&2; fi
if [ "$tests" -ne 0 ]; then echo "test:tooling: tests failed" >&2; fi
[ "$lint" -eq 0 ] && [ "$tests" -eq 0 ]
