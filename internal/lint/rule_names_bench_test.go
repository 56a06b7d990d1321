package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
)

// BenchmarkRulesBLargeSet lints a set of 3000 documents (1000 each of Model, EndpointConfig,
// Endpoint) with these rules. The cross-document ones share one name index per set, so the
// cost grows linearly with the set; the target is well under 100 ms, for pre-commit hooks.
func BenchmarkRulesBLargeSet(b *testing.B) {
	var src strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&src, modelDoc+"---\n", fmt.Sprintf("model-%d", i))
		src.WriteString(strings.NewReplacer("EndpointConfigName: c", fmt.Sprintf("EndpointConfigName: config-%d", i),
			"ModelName: m", fmt.Sprintf("ModelName: model-%d", i)).Replace(ecHead) + "---\n")
		src.WriteString(endpoint(fmt.Sprintf("endpoint-%d", i), fmt.Sprintf("config-%d", i)) + "---\n")
	}
	f, docs, fs := manifest.Parse("big.yaml", []byte(src.String()))
	if len(fs) > 0 || len(docs) != 3000 {
		b.Fatalf("bad input: %d docs, %v", len(docs), fs)
	}
	set := &manifest.Set{Files: []*manifest.File{f}, Docs: docs}
	rules := rulesB()
	b.ResetTimer()
	for range b.N {
		for _, d := range docs {
			if out := checkDocument(d, set, nil, rules); len(out) > 0 {
				b.Fatalf("unexpected finding %s", out[0])
			}
		}
	}
}
