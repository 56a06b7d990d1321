package lintcmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// TestSARIFOfRealRulesValidates lints every error fixture with the registered rules and
// checks the SARIF log against the official 2.1.0 schema: the rules' real help texts
// and the loader's findings must stay valid as rules are added.
func TestSARIFOfRealRulesValidates(t *testing.T) {
	schema, err := jsonschema.NewCompiler().Compile("../../testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../testdata/lint/err/*.yaml")
	if len(files) == 0 {
		t.Fatal("no fixtures in testdata/lint/err")
	}
	code, out, stderr := run(append([]string{"lint", "--format", "sarif"}, files...)...)
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d; stderr: %s", code, ExitFindings, stderr)
	}
	var v any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if err := schema.Validate(v); err != nil {
		t.Fatalf("SARIF does not validate: %#v", err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct{ Rules []struct{ ID string } }
			}
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
		t.Fatalf("want one run with results, got %d runs", len(log.Runs))
	}
	documented := map[string]bool{}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		documented[r.ID] = true
	}
	for _, r := range log.Runs[0].Results {
		if !documented[r.RuleID] {
			t.Errorf("result of rule %s, which tool.driver.rules does not document", r.RuleID)
		}
		loc := r.Locations[0].PhysicalLocation
		// In a git checkout the URI is relative to its top level; elsewhere, to the working directory.
		if uri := loc.ArtifactLocation.URI; loc.Region.StartLine < 1 || strings.HasPrefix(uri, "/") || strings.Contains(uri, ":") ||
			!strings.Contains(uri, "testdata/lint/err/") {
			t.Errorf("location %+v: want startLine >= 1 and a relative URI", loc)
		}
	}
}

func TestLintUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"lint", "--format", "yaml", "."}, `unknown format "yaml": expected one of github, json, junit, sarif, text`},
		{[]string{"lint", "--fail-on", "never", "."}, `unknown severity "never"`},
		{[]string{"lint", "no/such/dir"}, "cannot read no/such/dir"},
	} {
		code, out, stderr := run(tc.args...)
		if code != ExitUsage || out != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.args, code, out, stderr, tc.want)
		}
	}
}

func TestRepoRelative(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{".git", "sub/dir"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "sub/dir/a.yaml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "sub"), filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(root, "sub"))
	rel := repoRelative()
	for in, want := range map[string]string{
		"dir/a.yaml":             "sub/dir/a.yaml",
		"../link/dir/a.yaml":     "sub/dir/a.yaml", // symlinks resolved
		"-":                      "-",
		"/nonexistent-dir/x.yml": "/nonexistent-dir/x.yml", // outside the repository: as given
	} {
		if got := rel(in); got != want {
			t.Errorf("rel(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNoColor: per https://no-color.org, NO_COLOR disables colour when set and not
// empty; NO_COLOR= (empty) does not.
func TestNoColor(t *testing.T) {
	for _, c := range []struct {
		val  string
		set  bool
		want bool
	}{{"1", true, true}, {"yes", true, true}, {"", true, false}, {"", false, false}} {
		if c.set {
			t.Setenv("NO_COLOR", c.val)
		} else {
			t.Setenv("NO_COLOR", "x")
			os.Unsetenv("NO_COLOR")
		}
		if got := noColor(); got != c.want {
			t.Errorf("NO_COLOR=%q (set %v): noColor %v, want %v", c.val, c.set, got, c.want)
		}
	}
}

// TestHelpForUnknownCommand: `sagectl help NAME` for no command NAME is exit 2 with a
// did-you-mean, as `sagectl NAME` is, not urfave/cli's exit 3.
func TestHelpForUnknownCommand(t *testing.T) {
	var out, errOut strings.Builder
	if code := Run([]string{"sagectl", "help", "lnt"}, strings.NewReader(""), &out, &errOut); code != ExitUsage || !strings.Contains(errOut.String(), `did you mean "lint"`) {
		t.Errorf("help lnt: exit %d, stderr %q", code, errOut.String())
	}
	out.Reset()
	if code := Run([]string{"sagectl", "help", "lint"}, strings.NewReader(""), &out, &errOut); code != ExitOK || !strings.Contains(out.String(), "sagectl lint") {
		t.Errorf("help lint: exit %d\n%s", code, out.String())
	}
}
