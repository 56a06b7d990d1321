package lint

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/schema"
)

// TestSchemaValidatesOncePerDocument: however many schema rules run, each document is
// validated once, also when documents are linted in parallel.
func TestSchemaValidatesOncePerDocument(t *testing.T) {
	var calls atomic.Int64
	validate = func(kind string, v any) []schema.Error {
		calls.Add(1)
		return schema.Validate(kind, v)
	}
	t.Cleanup(func() { validate = schema.Validate })
	schemaRules := 0
	for _, r := range Registry() {
		if _, ok := r.(schemaRule); ok {
			schemaRules++
		}
	}
	if schemaRules < 5 {
		t.Fatalf("only %d schema rules registered", schemaRules)
	}
	for _, n := range []int{1, 2 * minParallel, 1000} {
		var b strings.Builder
		for i := range n {
			// every other document has errors of several schema rules
			fmt.Fprintf(&b, "---\nEndpointConfigName: c%d\nProductionVariants: [{VariantName: v, ModelName: m, InstanceType: ml.m5.large, InitialInstanceCount: %d}]\n", i, i%2)
			if i%2 == 1 {
				b.WriteString("Typo: 1\nKmsKeyId: 5\n")
			}
		}
		f, docs, fs := manifest.Parse("many.yaml", []byte(b.String()))
		if len(fs) > 0 || len(docs) != n {
			t.Fatalf("parsed %d documents, findings %v", len(docs), fs)
		}
		calls.Store(0)
		got := Check(&manifest.Set{Files: []*manifest.File{f}, Docs: docs}, nil, Options{})
		if c := calls.Load(); c != int64(n) {
			t.Errorf("%d documents, %d schema rules: %d validations, want %d", n, schemaRules, c, n)
		}
		if len(got) < n/2*3 {
			t.Errorf("%d documents: only %d findings", n, len(got))
		}
	}
}
