package render

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
	both := RuleDoc{ID: "y", Severity: finding.Warning, Severities: []finding.Severity{finding.Info, finding.Warning}, Summary: "a|b"}
	if got := both.SeverityText(); got != "info|warning" {
		t.Errorf("SeverityText of a rule reporting info and warning: %q", got)
	}
	if !strings.HasPrefix(both.Text(), "y (info|warning)\n") || !strings.Contains(both.Markdown(), "Severity: **info|warning**") {
		t.Errorf("a rule reporting info and warning is not shown as info|warning:\n%s\n%s", both.Text(), both.Markdown())
	}
	idx := Index([]RuleDoc{r, both})
	if !strings.Contains(idx, "| [x-rule](x-rule.md) | warning | checks x |\n") || !strings.Contains(idx, `| [y](y.md) | info\|warning | a\|b |`) {
		t.Errorf("index:\n%s", idx)
	}
}
