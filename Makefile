# sagectl — every task a developer or CI runs.
GO      ?= go
BIN     := bin/sagectl
PKGS    := ./...
# A count, not a duration: with -fuzztime 10s, Go 1.26's fuzz coordinator can report
# "context deadline exceeded" as a failure when a loaded machine's worker is mid-input at
# the deadline (https://github.com/golang/go/issues/75804, fixed in Go 1.27). A count has
# no deadline to race; a real crasher still fails and is written to testdata/fuzz.
FUZZTIME ?= 3000x

.PHONY: all build release demo test unit check race fuzz bench bench-compare generate tools clean

# Packages that start goroutines or share state between them: `make race` runs their
# tests under the race detector.
RACE_PKGS := ./internal/apply/... ./internal/awscmd ./internal/emulator ./internal/fanout \
	./internal/manifest ./internal/lint ./internal/plan/... ./internal/schema

all: build

build:
	$(GO) build -o bin/ ./cmd/sagectl ./cmd/sagectl-aws

## release: static binaries of both commands for linux, darwin and windows on amd64 and
## arm64, version and commit stamped, one archive each and SHA256SUMS, in dist/
## (scripts/release.sh; VERSION=v1.2.3 make release).
release:
	@scripts/release.sh

## demo: build sagectl and lint the bundled examples (clean ones, then broken ones).
demo: build
	@echo "== sagectl lint examples/ (clean manifests) =="
	@./$(BIN) lint examples/*.yaml examples/*.json examples/inference-components/
	@echo
	@echo "== sagectl lint examples/broken/ (typical mistakes; exit 1 expected) =="
	@./$(BIN) lint examples/broken/ || true
	@echo
	@echo "== sagectl plan examples/ against the offline snapshot examples/live/ (no AWS account needed) =="
	@./$(BIN) plan examples/*.yaml examples/*.json examples/inference-components/ --live-dir examples/live

## test: everything CI runs — tools, format, vet, static analysis, unit and integration
## tests, the race detector on the concurrent packages, short fuzz.
test: tools check unit race fuzz

tools:
	@scripts/ensure-tools.sh

check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	@scripts/go-tools.sh
	.tools/bin/staticcheck $(PKGS)
	@# -test: code that neither binary nor any test reaches (test-support APIs such as
	@# the emulator's FakeClock are reached by tests only, and are kept).
	@out=$$(.tools/bin/deadcode -test $(PKGS)); \
	  if [ -n "$$out" ]; then echo "dead code:"; echo "$$out"; exit 1; fi

## race: the tests of the concurrent packages under the race detector; -short skips the
## tests that drive external programs (the AWS CLI), which make unit has run already.
race:
	$(GO) test -race -short -count=1 $(RACE_PKGS)

unit:
	$(GO) test -count=1 $(PKGS)

## fuzz: a short run of every fuzz target (FUZZTIME inputs each).
fuzz:
	@scripts/fuzz.sh $(FUZZTIME)

## bench: the speed and memory benchmarks reported in docs/benchmarks.md.
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

## bench-compare: sagectl lint against kubeconform v0.7.0 (installed into a temporary folder) on the lint-at-scale corpora, one run.
bench-compare:
	sh scripts/bench-compare.sh

## generate: regenerate the JSON Schemas (sagectl's own, the editor one `sagectl schema` prints, the per-kind validation documents) from the AWS SDK.
generate:
	$(GO) generate ./internal/schema/...

clean:
	rm -rf bin dist
