package awscmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/lintcmd"
)

// TestExitCodes: plan exits 0 for no changes, 2 for changes (only with
// --detailed-exitcode), 1 for every error, bad flags and blocked actions included; apply
// and import exit 1 for every error; lint keeps 2 for a bad flag.
func TestExitCodes(t *testing.T) {
	live := filepath.Join(examples, "live")
	noChanges := []string{"--live-dir", filepath.Join(scenarios, "no-changes", "live"), filepath.Join(scenarios, "no-changes", "manifests")}
	// The no-changes manifests against the demo snapshot replace a config an endpoint uses:
	// a blocked action.
	blocked := []string{"--live-dir", live, filepath.Join(scenarios, "no-changes", "manifests")}
	out := filepath.Join(t.TempDir(), "plan.json")
	for name, tc := range map[string]struct {
		args   []string
		code   int
		stderr string
	}{
		"plan no changes":                  {append([]string{"plan", "--detailed-exitcode"}, noChanges...), 0, ""},
		"plan changes":                     {demoArgs(), 0, ""},
		"plan changes, detailed":           {demoArgs("--detailed-exitcode"), ExitChanges, ""},
		"plan unknown flag":                {append([]string{"plan", "--detailed-exitcode", "--nope"}, noChanges...), 1, "flag provided but not defined: -nope"},
		"plan bad flag value":              {append([]string{"plan", "--detailed-exitcode", "--concurrency", "many"}, noChanges...), 1, "invalid value"},
		"plan bad --format":                {append([]string{"plan", "--detailed-exitcode", "--format", "yaml"}, noChanges...), 1, "--format"},
		"plan blocked":                     {append([]string{"plan"}, blocked...), 1, "1 action(s) of the plan are blocked"},
		"plan blocked, detailed, --out":    {append([]string{"plan", "--detailed-exitcode", "--out", out}, blocked...), 1, out + " was not written"},
		"apply unknown flag":               {[]string{"apply", "--nope", "x"}, 1, "flag provided but not defined: -nope"},
		"apply bad flag value":             {[]string{"apply", "--parallelism", "lots", "x"}, 1, "invalid value"},
		"import unknown flag":              {[]string{"import", "--nope", "x"}, 1, "flag provided but not defined: -nope"},
		"import nothing to import":         {[]string{"import", "--live-dir", live}, 1, "nothing to import"},
		"lint unknown flag (unchanged, 2)": {[]string{"lint", "--nope", "."}, lintcmd.ExitUsage, "flag provided but not defined: -nope"},
	} {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := run(tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tc.code, tc.stderr)
			}
		})
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a blocked plan was saved to --out (%v): apply would refuse it", err)
	}
}
