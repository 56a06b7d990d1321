package lint

import (
	"github.com/sagectl/sagectl/internal/fanout"
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// minParallel is the document count per worker below which starting workers costs
// more than it saves.
const minParallel = 64

// checkAll runs the rules over every document on all CPUs. Results are gathered per
// document and concatenated in document order, so output does not depend on scheduling.
func checkAll(set *manifest.Set, ctx *manifest.Index, rules []Rule) []finding.Finding {
	per := make([][]finding.Finding, len(set.Docs))
	fanout.Each(len(set.Docs), minParallel, func(i int) {
		per[i] = checkDocument(set.Docs[i], set, ctx, rules)
	})
	var out []finding.Finding
	for _, fs := range per {
		out = append(out, fs...)
	}
	return out
}
