#!/usr/bin/env bash
# Installs the external programs the integration tests drive, when they are missing:
# the AWS CLI (to prove the emulator speaks the real protocol) and pre-commit.
# Uses Debian's packages; does nothing when they are already installed.
set -euo pipefail
need=()
[ -x /usr/bin/aws ] || need+=(awscli)
command -v pre-commit >/dev/null 2>&1 || need+=(pre-commit)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "ensure-tools: please install: ${need[*]} (tests that need them will be skipped)" >&2
  exit 0
fi
echo "ensure-tools: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
