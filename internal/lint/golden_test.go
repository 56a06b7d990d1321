package lint_test

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/lint"
)

var update = flag.Bool("update", false, "rewrite testdata/lint/err/*.out from the current output")

// lintFiles loads and lints paths the way `sagectl lint` does and returns every finding.
func lintFiles(t *testing.T, paths ...string) []finding.Finding {
	t.Helper()
	res, err := lint.Run(lint.Input{Paths: paths}, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

// TestOK: every file in testdata/lint/ok gives no finding at all.
func TestOK(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/lint/ok/*.yaml")
	if len(files) == 0 {
		t.Fatal("no files in testdata/lint/ok")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			for _, fd := range lintFiles(t, f) {
				t.Errorf("unexpected finding: %s", fd)
			}
		})
	}
}

// TestErr: each testdata/lint/err/X.yaml gives exactly the findings in X.out, one per
// line; a line written /regex/ matches by regular expression. -update rewrites them.
func TestErr(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/lint/err/*.yaml")
	if len(files) == 0 {
		t.Fatal("no files in testdata/lint/err")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			var got []string
			for _, fd := range lintFiles(t, f) {
				fd.File = filepath.Base(fd.File)
				got = append(got, fd.String())
			}
			if len(got) == 0 {
				t.Fatal("no findings")
			}
			checkGolden(t, strings.TrimSuffix(f, ".yaml")+".out", got, "go test ./lint -update")
		})
	}
}

func lineMatches(want, got string) bool {
	if len(want) > 2 && strings.HasPrefix(want, "/") && strings.HasSuffix(want, "/") {
		return regexp.MustCompile(want[1 : len(want)-1]).MatchString(got)
	}
	return want == got
}

// checkGolden compares got with the golden file, one finding per line (a /regex/ line
// matches by regular expression), or rewrites the file under -update.
func checkGolden(t *testing.T, golden string, got []string, howToUpdate string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("missing golden file (run %s): %v", howToUpdate, err)
	}
	want := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d:\n got: %s\nwant: %s", len(got), len(want), strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
	for i := range want {
		if !lineMatches(want[i], got[i]) {
			t.Errorf("finding %d:\n got: %s\nwant: %s", i+1, got[i], want[i])
		}
	}
}
