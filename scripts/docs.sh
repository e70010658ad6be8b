#!/usr/bin/env bash
# Builds the API reference from the specs: one self-contained Redoc page per API and an
# index linking both, in docs/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs
for api in prolific rewards; do
  echo "==> redocly build-docs specs/$api.openapi.yaml -> docs/$api.html"
  # --inlineBundle: the page must work without reaching the Redocly CDN.
  node_modules/.bin/redocly build-docs "specs/$api.openapi.yaml" --inlineBundle --output "docs/$api.html" >/dev/null
done
cat > docs/index.html <<'HTML'
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>payouts-api: API reference</title></head>
<body>
  <h1>payouts-api: API reference</h1>
  <p>Generated from the specs in <code>specs/</code> by <code>npm run docs</code>.</p>
  <ul>
    <li><a href="prolific.html">Prolific bonus payments</a>: set up and pay bulk bonus payments; read submissions and the workspace balance</li>
    <li><a href="rewards.html">DRVN finance rewards</a>: sign in, list rewards, mark them as paid or pending</li>
  </ul>
</body>
</html>
HTML
echo "docs/index.html"
