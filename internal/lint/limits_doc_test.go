package lint_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/lint"
	"github.com/sagectl/sagectl/internal/manifest"
)

// TestLimitsDoc: docs/limits-model-endpoint.md links only pages that exist and rules that
// are registered, and names every rule that checks Model documents.
func TestLimitsDoc(t *testing.T) {
	const page = "../../docs/limits-model-endpoint.md"
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, m := range regexp.MustCompile(`\]\(([^)#]+\.md)\)`).FindAllStringSubmatch(text, -1) {
		if strings.Contains(m[1], "://") {
			continue
		}
		if _, err := os.Stat(filepath.Join("../../docs", m[1])); err != nil {
			t.Errorf("%s links %s, which does not exist", page, m[1])
		}
		if id, ok := strings.CutPrefix(strings.TrimSuffix(m[1], ".md"), "rules/"); ok && lint.Lookup(id) == nil {
			t.Errorf("%s names rule %s, which is not registered", page, id)
		}
	}
	for _, r := range lint.Registry() {
		i := r.Info()
		if len(i.Kinds) == 1 && i.Kinds[0] == manifest.KindModel && !strings.Contains(text, "(rules/"+i.ID+".md)") {
			t.Errorf("%s does not list rule %s, which checks Model documents", page, i.ID)
		}
	}
}
