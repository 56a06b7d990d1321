#!/usr/bin/env bash
# Installs ajv, at the versions scripts/ajv/package-lock.json pins, into .tools/ajv for
# the editor-schema test (internal/schema/editor_test.go), when npm is there and that lock is not
# installed yet. The test runs this itself when it finds node but not ajv.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.tools/ajv
if ! command -v npm >/dev/null 2>&1; then
  echo "ensure-ajv: npm not found: the editor-schema test will be skipped (it fails under CI=true)" >&2
  exit 0
fi
if [ -d "$dir/node_modules/ajv" ] && cmp -s scripts/ajv/package-lock.json "$dir/package-lock.json"; then
  exit 0
fi
echo "ensure-ajv: installing ajv into $dir" >&2
mkdir -p "$dir"
cp scripts/ajv/package.json scripts/ajv/package-lock.json "$dir/"
(cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
