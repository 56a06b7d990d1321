package report

import (
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
)

func TestRuleDocRendering(t *testing.T) {
	r := RuleDoc{ID: "x-rule", Severity: finding.Warning, Summary: "checks x", Why: "because", Sources: []string{"AWS API: https://example.com/api.", "RFC (https://example.org/rfc)"}, Fix: "do y",
		Bad: "a: 1\n", BadOutput: "bad.yaml:1:1: warning: m [x-rule]\n", Good: "a: 2"}
	text := r.Text()
	for _, want := range []string{"x-rule (warning)\n\nchecks x\n", "Why:\n  because\n", "Sources:\n  - AWS API: https://example.com/api.\n  - RFC (https://example.org/rfc)\n", "Fix:\n  do y\n",
		"Bad (bad.yaml):\n    a: 1\n", "sagectl lint bad.yaml prints:\n    bad.yaml:1:1: warning: m [x-rule]\n", "Good:\n    a: 2\n", "Docs: " + DocsURL + "x-rule.md\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("explain text lacks %q:\n%s", want, text)
		}
	}
	md := r.Markdown()
	for _, want := range []string{"# x-rule\n", "Severity: **warning**", "## Why\n\nbecause\n", "## Sources\n\n- AWS API: <https://example.com/api>.\n- RFC (<https://example.org/rfc>)\n", "## How to fix\n\ndo y\n",
		"```yaml\na: 1\n```", "```text\nbad.yaml:1:1: warning: m [x-rule]\n```", "## Good\n\n```yaml\na: 2\n```"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	idx := Index([]RuleDoc{r, {ID: "y", Severity: finding.Error, Summary: "a|b"}})
	if !strings.Contains(idx, "| [x-rule](x-rule.md) | warning | checks x |\n") || !strings.Contains(idx, `| a\|b |`) {
		t.Errorf("index:\n%s", idx)
	}
}
