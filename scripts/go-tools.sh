#!/usr/bin/env bash
# Installs the pinned Go analysis tools `make check` runs into .tools/bin, from the Go
# module proxy, when that version is not there yet. They are not in go.mod: the project
# neither imports nor ships them. Bump a version here, in one reviewed change.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.tools/bin
mkdir -p "$dir"
install() { # NAME PACKAGE@VERSION
  local stamp="$dir/.$1.version"
  if [ -x "$dir/$1" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$2" ]; then return; fi
  echo "go-tools: installing $2" >&2
  GOBIN="$PWD/$dir" go install "$2"
  echo "$2" >"$stamp"
}
install staticcheck honnef.co/go/tools/cmd/staticcheck@v0.8.2   # staticcheck 2026.2.2
install deadcode golang.org/x/tools/cmd/deadcode@v0.52.0
