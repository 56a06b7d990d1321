package lint_test

import (
	"regexp"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/lint"
	"github.com/sagectl/sagectl/internal/manifest"
)

var ruleID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// lintSource lints one in-memory manifest.
func lintSource(name, src string) []finding.Finding {
	f, docs, fs := manifest.Parse(name, []byte(src))
	set := &manifest.Set{Files: []*manifest.File{f}, Docs: docs}
	return lint.Check(set, fs, lint.Options{})
}

// TestRuleDocs: every rule is documented, its Bad example triggers it, and its Good
// example neither triggers it nor has any error.
func TestRuleDocs(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range lint.Registry() {
		i := r.Info()
		t.Run(i.ID, func(t *testing.T) {
			if !ruleID.MatchString(i.ID) {
				t.Errorf("rule ID %q is not kebab-case", i.ID)
			}
			if seen[i.ID] {
				t.Errorf("duplicate rule ID %q", i.ID)
			}
			seen[i.ID] = true
			if i.Summary == "" || i.Why == "" || i.Source == "" || i.Fix == "" || i.Bad == "" || i.Good == "" {
				t.Fatalf("rule %s lacks documentation (Summary, Why, Source, Fix, Bad and Good are required)", i.ID)
			}
			hit := false
			for _, f := range lintSource("bad.yaml", i.Bad) {
				hit = hit || f.Rule == i.ID
			}
			if !hit {
				t.Errorf("Bad example does not trigger %s", i.ID)
			}
			for _, f := range lintSource("good.yaml", i.Good) {
				if f.Rule == i.ID || f.Severity == finding.Error {
					t.Errorf("Good example gives: %s", f)
				}
			}
		})
	}
}
