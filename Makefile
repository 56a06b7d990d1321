# sagectl — every task a developer or CI runs.
GO      ?= go
BIN     := bin/sagectl
PKGS    := ./...
FUZZTIME ?= 10s

.PHONY: all build demo test unit check fuzz bench generate tools clean

all: build

build:
	$(GO) build -o bin/ ./cmd/sagectl ./cmd/sagectl-aws

## demo: build sagectl and lint the bundled examples (clean ones, then broken ones).
demo: build
	@echo "== sagectl lint examples/ (clean manifests) =="
	@./$(BIN) lint examples/*.yaml examples/*.json
	@echo
	@echo "== sagectl lint examples/broken/ (typical mistakes; exit 1 expected) =="
	@./$(BIN) lint examples/broken/ || true
	@echo
	@echo "== sagectl plan examples/ against the offline snapshot examples/live/ (no AWS account needed) =="
	@./$(BIN) plan examples/*.yaml examples/*.json --live-dir examples/live

## test: everything CI runs — tools, format, vet, unit and integration tests, short fuzz.
test: tools check unit fuzz

tools:
	@scripts/ensure-tools.sh

check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

unit:
	$(GO) test -count=1 $(PKGS)

## fuzz: a short run of every fuzz target (FUZZTIME each).
fuzz:
	@scripts/fuzz.sh $(FUZZTIME)

## bench: the speed and memory benchmarks reported in docs/benchmarks.md.
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

## generate: regenerate the JSON Schema from the AWS SDK.
generate:
	$(GO) generate ./schema/...

clean:
	rm -rf bin
