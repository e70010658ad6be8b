#!/usr/bin/env bash
# Fails, printing the diff, when generated/ is not what specs/ generate today.
# An optional directory argument checks <dir>/specs and <dir>/generated instead
# (the test suite uses it on a temporary copy).
set -euo pipefail
cd "$(dirname "$0")/.."
root="${1:-.}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -R "$root/specs" "$tmp/specs"
mkdir -p "$tmp/generated"
bash scripts/generate.sh "$tmp" >/dev/null
echo "==> comparing $root/generated with a fresh generation from $root/specs"
if ! diff -ru --label generated --label "regenerated from specs" "$root/generated" "$tmp/generated"; then
  echo "generated/ is stale: run 'npm run generate' and commit specs/ and generated/ together." >&2
  exit 1
fi
echo "generated/ is up to date"
