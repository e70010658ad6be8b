#!/usr/bin/env bash
# Lints the specs (Redocly), type-checks everything (tsc) and lints/format-checks the
# code (Biome). generated/ is left to the generator.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "==> redocly lint"
node_modules/.bin/redocly lint --config specs/redocly.yaml --format stylish
echo "==> tsc --noEmit"
node_modules/.bin/tsc --noEmit -p tsconfig.json
echo "==> biome check"
node_modules/.bin/biome check .
