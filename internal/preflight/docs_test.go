package preflight

import (
	"os"
	"strings"
	"testing"
)

// TestDocsListEveryRule keeps docs/preflight.md in step with Rules: each rule, its
// permission and its source.
func TestDocsListEveryRule(t *testing.T) {
	doc, err := os.ReadFile("../../docs/preflight.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules {
		row := "| `" + r.ID + "` | " + r.Severity.String() + " |"
		if !strings.Contains(string(doc), row) || !strings.Contains(string(doc), "<"+r.Source+">") || !strings.Contains(string(doc), r.Permission) {
			t.Errorf("docs/preflight.md has no row %q with its permission %q and source %s", row, r.Permission, r.Source)
		}
	}
}

// TestFindingsUseListedRules fails a rule id in the code that Rules does not list.
func TestFindingsUseListedRules(t *testing.T) {
	listed := map[string]bool{}
	for _, r := range Rules {
		listed[r.ID] = true
	}
	files, _ := os.ReadDir(".")
	for _, f := range files {
		if strings.HasSuffix(f.Name(), "_test.go") || !strings.HasSuffix(f.Name(), ".go") {
			continue
		}
		src, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range strings.Split(string(src), `"preflight-`)[1:] {
			id := "preflight-" + part[:strings.IndexByte(part, '"')]
			if !listed[id] {
				t.Errorf("%s reports %s, which Rules does not list", f.Name(), id)
			}
		}
	}
}
