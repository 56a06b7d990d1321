package lint_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/lint"
)

// TestSummariesOneVoice: `sagectl rules` reads as one list, each line saying what the
// rule flags ("flags a ..."), never the state it expects nor a bare noun phrase.
func TestSummariesOneVoice(t *testing.T) {
	for _, r := range lint.Registry() {
		i := r.Info()
		if !strings.HasPrefix(i.Summary, "flags ") {
			t.Errorf("%s: Summary %q does not start with \"flags \"", i.ID, i.Summary)
		}
		if strings.HasSuffix(i.Summary, ".") || strings.Contains(i.Summary, "\n") {
			t.Errorf("%s: Summary %q is not one line without a final period", i.ID, i.Summary)
		}
	}
}

// TestSeveritiesDeclared: a rule lists exactly the severities its findings take. The
// findings are those the goldens hold (every testdata/lint/err file and every
// CloudFormation and ACK file, linted as TestErr and TestDialects lint them) plus each
// rule's Bad example: a severity seen there must be declared (Severity or
// OtherSeverities), and a declared one must be seen there, so `sagectl rules` shows
// what the rule really reports.
func TestSeveritiesDeclared(t *testing.T) {
	seen := map[string]map[finding.Severity]string{} // rule -> severity -> where first seen
	record := func(where string, fs []finding.Finding) {
		for _, f := range fs {
			if seen[f.Rule] == nil {
				seen[f.Rule] = map[finding.Severity]string{}
			}
			if _, ok := seen[f.Rule][f.Severity]; !ok {
				seen[f.Rule][f.Severity] = fmt.Sprintf("%s:%d", where, f.Line)
			}
		}
	}
	var files []string
	for _, pat := range []string{"../../testdata/lint/err/*.yaml", "../../testdata/cfn/*.yaml", "../../testdata/cfn/*.json", "../../testdata/ack/*.yaml"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("expected the golden test files, found %d", len(files))
	}
	for _, f := range files {
		record(filepath.Base(f), lintFiles(t, f))
	}
	for _, r := range lint.Registry() {
		record(r.Info().ID+" Bad example", lintSource("bad.yaml", r.Info().Bad))
	}
	for _, r := range lint.Registry() {
		i := r.Info()
		declared := i.Severities()
		for sev, where := range seen[i.ID] {
			if !slices.Contains(declared, sev) {
				t.Errorf("%s reports %s (%s) but declares only %v: add it to OtherSeverities", i.ID, sev, where, declared)
			}
		}
		for _, sev := range declared {
			if _, ok := seen[i.ID][sev]; !ok {
				t.Errorf("%s declares %s but no golden finding or Bad example of it has that severity: add a case to testdata/lint/err, or drop the severity", i.ID, sev)
			}
		}
	}
}
