package lint_test

import (
	"os/exec"
	"path/filepath"
	"runtime/metrics"
	"testing"

	"github.com/sagectl/sagectl/internal/benchdata"
	"github.com/sagectl/sagectl/internal/lint"
	"github.com/sagectl/sagectl/internal/manifest"
)

// BenchmarkLint10k loads and lints 10,000 documents generated from the examples, as
// `sagectl lint DIR` does (reading, parsing, schema and rules). Target: < 1 s/op.
func BenchmarkLint10k(b *testing.B) {
	dir := b.TempDir()
	ex, err := benchdata.Examples("../../examples")
	if err != nil {
		b.Fatal(err)
	}
	docs, err := benchdata.WriteTree(dir, ex, 10_000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		set, _, err := manifest.Load([]string{dir}, manifest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(set.Docs) != docs {
			b.Fatalf("loaded %d documents, want %d", len(set.Docs), docs)
		}
		lint.Check(set, nil, lint.Options{})
	}
	b.ReportMetric(float64(docs), "docs")
}

// corpus writes a corpus of scripts/lint-corpus.sh (the lint-at-scale issue's) into a
// temporary folder.
func corpus(b *testing.B, args ...string) string {
	b.Helper()
	dir := b.TempDir()
	args = append([]string{"../../scripts/lint-corpus.sh", args[0], dir}, args[1:]...)
	if out, err := exec.Command("sh", args...).CombinedOutput(); err != nil {
		b.Fatalf("lint-corpus.sh: %v\n%s", err, out)
	}
	return dir
}

// maxStreamHeap is the loose bound on the heap of a streamed run over the corpora
// below, whatever their size: a run holding its corpus (the 100k one is 38 MB of YAML)
// fails it by far.
const maxStreamHeap = 64 << 20

// BenchmarkStream10k lints the 10,000-EndpointConfig corpus (1,000 files, about 25,000
// findings) as `sagectl lint DIR` does, streamed; it reports the findings and the peak
// heap (live objects and garbage not yet collected, read at each file), and fails
// when that exceeds maxStreamHeap.
func BenchmarkStream10k(b *testing.B) {
	benchStream(b, corpus(b, "findings"), 10_000)
}

// BenchmarkStream100k is BenchmarkStream10k on ten times the corpus: its peak heap
// must stay within 1.3 times the 10k one.
func BenchmarkStream100k(b *testing.B) {
	benchStream(b, corpus(b, "findings", "10000"), 100_000)
}

// BenchmarkStream1MEmpty lints 1,000,000 `{}` documents (100 files named explicitly,
// as a walk skips them), a finding for each: the cost per document and per finding.
func BenchmarkStream1MEmpty(b *testing.B) {
	dir := corpus(b, "empty", "1000000", "10000")
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(paths) != 100 {
		b.Fatalf("corpus: %d files, %v", len(paths), err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		findings := 0
		heap := peakHeap{}
		_, err := lint.Stream(lint.Input{Paths: paths}, lint.Options{}, func(r *lint.FileResult) error {
			findings += len(r.Findings)
			heap.sample()
			return nil
		})
		if err != nil || findings != 1_000_000 {
			b.Fatalf("%d findings, %v; want 1,000,000", findings, err)
		}
		heap.report(b)
	}
}

// peakHeap samples the heap's objects (live and not yet collected) without stopping
// the world.
type peakHeap struct {
	s    []metrics.Sample
	peak uint64
}

func (h *peakHeap) sample() {
	if h.s == nil {
		h.s = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	}
	metrics.Read(h.s)
	h.peak = max(h.peak, h.s[0].Value.Uint64())
}

// report reports the peak and fails beyond maxStreamHeap.
func (h *peakHeap) report(b *testing.B) {
	b.ReportMetric(float64(h.peak)/(1<<20), "peak-heap-MB")
	if h.peak > maxStreamHeap {
		b.Fatalf("peak heap %d MB, bound %d MB: the run keeps what it should not", h.peak>>20, maxStreamHeap>>20)
	}
}

func benchStream(b *testing.B, dir string, docs int) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n, findings := 0, 0
		heap := peakHeap{}
		_, err := lint.Stream(lint.Input{Paths: []string{dir}}, lint.Options{}, func(r *lint.FileResult) error {
			n += len(r.Docs)
			findings += len(r.Findings)
			heap.sample()
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if n != docs {
			b.Fatalf("streamed %d documents, want %d", n, docs)
		}
		b.ReportMetric(float64(findings), "findings")
		heap.report(b)
	}
}
