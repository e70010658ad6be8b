#!/usr/bin/env bash
# Writes generated/*.ts from specs/*.openapi.yaml, using the spec -> output map in
# specs/redocly.yaml. With a directory argument, works on <dir>/specs and writes to
# <dir>/generated instead (check-generated uses this to regenerate into a temp copy).
set -euo pipefail
cd "$(dirname "$0")/.."
root="${1:-.}"
echo "==> openapi-typescript: $root/specs -> $root/generated"
node_modules/.bin/openapi-typescript --redocly "$root/specs/redocly.yaml" \
  --root-types --root-types-no-schema-prefix
echo "==> ajv standalone validators: $root/specs -> $root/generated"
node scripts/generate-validators.mjs "$root"
echo "==> Prism's operations for the mocks: $root/specs -> $root/generated"
node scripts/generate-mock-operations.mjs "$root"
