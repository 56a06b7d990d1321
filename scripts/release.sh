#!/usr/bin/env bash
# Builds the release: static binaries (CGO_ENABLED=0) of sagectl and sagectl-aws for every
# platform in PLATFORMS, the version and commit stamped with -ldflags, one archive per
# platform (sagectl_VERSION_OS_ARCH.tar.gz, both binaries plus README and LICENSE when
# present) and SHA256SUMS over the archives, all in OUT. The archives are what a GitHub
# release of tag VERSION carries (README "Install").
#
#   VERSION   default: git describe --tags --always --dirty
#   COMMIT    default: git rev-parse HEAD
#   OUT       default: dist
#   PLATFORMS default: linux, darwin and windows on amd64 and arm64
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
COMMIT=${COMMIT:-$(git rev-parse HEAD 2>/dev/null || echo unknown)}
OUT=${OUT:-dist}
PLATFORMS=${PLATFORMS:-"linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64"}
GO=${GO:-go}
pkg=github.com/sagectl/sagectl/internal/lintcmd
ldflags="-s -w -X ${pkg}.Version=${VERSION} -X ${pkg}.Commit=${COMMIT}"

rm -rf "$OUT"
mkdir -p "$OUT"
for platform in $PLATFORMS; do
  os=${platform%/*} arch=${platform#*/}
  name="sagectl_${VERSION}_${os}_${arch}"
  dir="$OUT/$name"
  mkdir -p "$dir"
  ext=""
  [ "$os" = windows ] && ext=.exe
  for cmd in sagectl sagectl-aws; do
    CGO_ENABLED=0 GOOS=$os GOARCH=$arch "$GO" build -trimpath -ldflags "$ldflags" -o "$dir/$cmd$ext" "./cmd/$cmd"
  done
  for f in README.md LICENSE; do
    [ -f "$f" ] && cp "$f" "$dir/"
  done
  tar -C "$OUT" -czf "$OUT/$name.tar.gz" "$name"
  rm -rf "$dir"
  echo "built $OUT/$name.tar.gz"
done
(cd "$OUT" && sha256sum -- *.tar.gz > SHA256SUMS)
echo "wrote $OUT/SHA256SUMS"
