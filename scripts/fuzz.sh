#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a short while: $1 is a -fuzztime (default
# 3000x, a number of inputs; see the Makefile for why not a duration).
set -euo pipefail
t=${1:-3000x}
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //'); do
    echo "fuzz $pkg $target ($t)"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$t" "$pkg"
  done
done
