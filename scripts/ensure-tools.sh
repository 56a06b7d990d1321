#!/usr/bin/env bash
# Installs the external programs the integration tests drive, when they are missing:
# the AWS CLI (to prove the emulator speaks the real protocol), pre-commit, and Node.js
# with ajv (to prove editors' validators accept `sagectl schema`, see scripts/ajv).
# Uses Debian's packages and the npm registry; does nothing when all are installed.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
[ -x /usr/bin/aws ] || need+=(awscli)
command -v pre-commit >/dev/null 2>&1 || need+=(pre-commit)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "ensure-tools: please install: ${need[*]} (tests that need them will be skipped)" >&2
  else
    echo "ensure-tools: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi
scripts/ensure-ajv.sh
