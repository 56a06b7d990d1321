package lint_test

import (
	"strings"
	"testing"

	"github.com/sagectl/sagectl/lint"
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
