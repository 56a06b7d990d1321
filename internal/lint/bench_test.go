package lint_test

import (
	"os/exec"
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

// BenchmarkStream10k lints the 10,000-EndpointConfig corpus (1,000 files, about 25,000
// findings) as `sagectl lint DIR` does, streamed; it reports the findings and the peak
// heap in use after a collection at each file, the bound a streamed run keeps.
func BenchmarkStream10k(b *testing.B) {
	benchStream(b, corpus(b, "findings"), 10_000)
}

// BenchmarkStream100k is BenchmarkStream10k on ten times the corpus: its peak heap
// must stay within 1.3 times the 10k one.
func BenchmarkStream100k(b *testing.B) {
	benchStream(b, corpus(b, "findings", "10000"), 100_000)
}

func benchStream(b *testing.B, dir string, docs int) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n, findings := 0, 0
		_, err := lint.Stream(lint.Input{Paths: []string{dir}}, lint.Options{}, func(r *lint.FileResult) error {
			n += len(r.Docs)
			findings += len(r.Findings)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if n != docs {
			b.Fatalf("streamed %d documents, want %d", n, docs)
		}
		b.ReportMetric(float64(findings), "findings")
	}
}
