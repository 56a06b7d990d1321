package lint_test

import (
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
