#!/usr/bin/env bash
# `npm run setup`: everything `npm test` needs on a fresh machine. Debian's PostgreSQL
# server for the pay-ledger tests (PG_BIN names another install's bin/ directory) and
# procps (`ps`, with which the process tests check that nothing is left running), each
# installed with apt-get when missing and run as root; then the locked npm packages.
# Assumed present: bash, Node >= 20.19 with its npm, and the npm registry (and, for what
# is missing, a Debian mirror) within reach.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
if [ -z "${PG_BIN:-}" ] && ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
  missing+=(postgresql)
fi
command -v ps >/dev/null 2>&1 || missing+=(procps)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> apt-get install ${missing[*]} (for the pay ledger and process tests)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian package(s): ${missing[*]}; install them as root, or for PostgreSQL set PG_BIN to its bin/" >&2
    exit 1
  fi
fi
echo "==> npm ci"
npm ci
