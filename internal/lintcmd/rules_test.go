package lintcmd

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/lint"
	"github.com/sagectl/sagectl/internal/lint/render"
)

var update = flag.Bool("update", false, "regenerate docs/rules from the rules' documentation")

const docsDir = "../../docs/rules"

// run runs sagectl in-process and returns its exit code, stdout and stderr.
func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Run(append([]string{"sagectl"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestRuleDocsUpToDate regenerates docs/rules (one page per registered rule, with the
// exact output of its bad example, and the index) and fails when the committed pages
// differ or a page documents a rule that no longer exists. -update rewrites them.
func TestRuleDocsUpToDate(t *testing.T) {
	want := map[string]string{"README.md": render.Index(ruleDocs())}
	for _, d := range ruleDocs() {
		want[d.ID+".md"] = d.Markdown()
	}
	if *update {
		if err := os.MkdirAll(docsDir, 0o755); err != nil {
			t.Fatal(err)
		}
		old, _ := filepath.Glob(filepath.Join(docsDir, "*.md"))
		for _, p := range old {
			if _, ok := want[filepath.Base(p)]; !ok {
				if err := os.Remove(p); err != nil {
					t.Fatal(err)
				}
			}
		}
		for name, body := range want {
			if err := os.WriteFile(filepath.Join(docsDir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	for name, body := range want {
		got, err := os.ReadFile(filepath.Join(docsDir, name))
		if err != nil {
			t.Errorf("docs/rules/%s is missing: run go test ./internal/lintcmd -update", name)
			continue
		}
		if string(got) != body {
			t.Errorf("docs/rules/%s is stale (the rule or the output for its bad example changed): run go test ./internal/lintcmd -update", name)
		}
	}
	pages, _ := filepath.Glob(filepath.Join(docsDir, "*.md"))
	for _, p := range pages {
		if _, ok := want[filepath.Base(p)]; !ok {
			t.Errorf("docs/rules/%s documents no registered rule: run go test ./internal/lintcmd -update", filepath.Base(p))
		}
	}
}

// TestExplainEveryRule: explain prints each rule's page with the bad example's real
// output (which must show the rule) and the good example.
func TestExplainEveryRule(t *testing.T) {
	for _, r := range lint.Registry() {
		i := r.Info()
		t.Run(i.ID, func(t *testing.T) {
			code, out, stderr := run("explain", i.ID)
			if code != ExitOK || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			d := ruleDoc(i)
			if !strings.Contains(d.BadOutput, "["+i.ID+"]") {
				t.Errorf("the bad example's output does not show %s:\n%s", i.ID, d.BadOutput)
			}
			for _, part := range []string{i.Summary, "Bad (bad.yaml):", "sagectl lint bad.yaml prints:", "Good:", strings.SplitN(i.Good, "\n", 2)[0]} {
				if !strings.Contains(out, part) {
					t.Errorf("explain output lacks %q", part)
				}
			}
		})
	}
}

func TestExplainUnknownRule(t *testing.T) {
	code, out, stderr := run("explain", "accelerator-type-deprecatd")
	if code != ExitUsage || out != "" || !strings.Contains(stderr, `did you mean "accelerator-type-deprecated"?`) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	if code, _, stderr := run("explain"); code != ExitUsage || !strings.Contains(stderr, "one rule ID") {
		t.Errorf("explain without a rule: exit %d, stderr %q", code, stderr)
	}
}

func TestRulesListsEveryRule(t *testing.T) {
	code, out, _ := run("rules")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	reg := lint.Registry()
	if len(lines) != len(reg) {
		t.Fatalf("rules printed %d lines for %d rules", len(lines), len(reg))
	}
	col := -1
	for i, r := range reg {
		info := r.Info()
		f := strings.Fields(lines[i])
		if len(f) < 3 || f[0] != info.ID || f[1] != render.SeverityList(info.Severities()) || strings.Join(f[2:], " ") != info.Summary {
			t.Errorf("line %d: %q", i+1, lines[i])
		}
		at := strings.Index(lines[i], info.Summary)
		if col < 0 {
			col = at
		}
		if at != col {
			t.Errorf("line %d: the summary starts at column %d, not %d as on line 1: %q", i+1, at, col, lines[i])
		}
	}
	if !strings.Contains(out, "\nunresolved-model-name ") || !regexp.MustCompile(`(?m)^unresolved-model-name +info\|warning +flags `).MatchString(out) {
		t.Errorf("unresolved-model-name, reported as info or warning, is not listed as info|warning:\n%s", out)
	}
	if code, _, _ := run("rules", "extra"); code != ExitUsage {
		t.Errorf("rules with an argument: exit %d", code)
	}
}
