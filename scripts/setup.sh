#!/usr/bin/env bash
# `npm run setup`: everything `npm test` needs on a fresh machine. Debian's PostgreSQL
# server for the pay-ledger tests (installed with apt-get when missing and run as root;
# PG_BIN names another install's bin/ directory), then the locked npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${PG_BIN:-}" ] && ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> apt-get install postgresql (for the pay ledger tests)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "setup: PostgreSQL is missing: install Debian's postgresql package, or set PG_BIN" >&2
    exit 1
  fi
fi
echo "==> npm ci"
npm ci
