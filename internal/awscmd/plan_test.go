package awscmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/lintcmd"
	"github.com/sagectl/sagectl/internal/plan"
)

const (
	examples  = "../../examples"
	scenarios = "../../testdata/plan"
)

func demoArgs(extra ...string) []string {
	files, _ := filepath.Glob(filepath.Join(examples, "*.yaml"))
	jsons, _ := filepath.Glob(filepath.Join(examples, "*.json"))
	args := append([]string{"plan", "--live-dir", filepath.Join(examples, "live")}, extra...)
	return append(append(args, files...), jsons...)
}

// TestPlanDemo is make demo's plan: creates, a tag change, a weights shift and a
// config swap, from the bundled snapshot.
func TestPlanDemo(t *testing.T) {
	code, out, stderr := run(demoArgs()...)
	if code != lintcmd.ExitOK {
		t.Fatalf("exit %d; stderr: %s", code, stderr)
	}
	for _, want := range []string{"Plan: 13 to create, 3 to update", "+ Model sentiment-v3 (create)", "~ EndpointConfig churn-prod (tag)",
		"~ Endpoint churn-prod (shift-weights)", "~ Endpoint sentiment (swap-config)", "(50.0% → 66.7%)", "1. CreateModel", "15. UpdateEndpoint"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo plan lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := run(demoArgs("--detailed-exitcode")...); code != ExitChanges {
		t.Errorf("--detailed-exitcode with changes: exit %d, want %d", code, ExitChanges)
	}
}

func TestPlanJSONAndOut(t *testing.T) {
	saved := filepath.Join(t.TempDir(), "plan.json")
	code, out, stderr := run(demoArgs("--format", "json", "--out", saved)...)
	if code != lintcmd.ExitOK {
		t.Fatalf("exit %d; stderr: %s", code, stderr)
	}
	var doc struct {
		FormatVersion int `json:"format_version"`
		Summary       plan.Summary
		Actions       []struct {
			Kind  string `json:"action_kind"`
			Calls []struct{ Operation string }
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("--format json is not JSON: %v", err)
	}
	if doc.FormatVersion != plan.FormatVersion || doc.Summary.Create != 13 || doc.Summary.Update != 3 || len(doc.Actions) == 0 {
		t.Errorf("JSON plan: version %d, summary %+v, %d actions", doc.FormatVersion, doc.Summary, len(doc.Actions))
	}
	p, err := plan.ReadSaved(saved)
	if err != nil {
		t.Fatalf("--out file does not load: %v", err)
	}
	if p.FormatVersion != plan.SavedFormatVersion || p.Summary != doc.Summary || len(p.Fingerprints) == 0 || len(p.Actions) != len(doc.Actions) {
		t.Errorf("saved plan: version %d, summary %+v, %d fingerprints, %d actions", p.FormatVersion, p.Summary, len(p.Fingerprints), len(p.Actions))
	}
}

// TestPlanSkipsLiveDir: the snapshot inside a manifest directory is not read as manifests.
func TestPlanSkipsLiveDir(t *testing.T) {
	dir := filepath.Join(scenarios, "no-changes")
	code, out, stderr := run("plan", "--live-dir", filepath.Join(dir, "live"), dir)
	if code != lintcmd.ExitOK || !strings.Contains(out, "no changes") {
		t.Errorf("exit %d, output %q, stderr %q; want the snapshot skipped and no changes", code, out, stderr)
	}
}

func TestPlanNoChanges(t *testing.T) {
	dir := filepath.Join(scenarios, "no-changes")
	code, out, stderr := run("plan", "--detailed-exitcode", "--live-dir", filepath.Join(dir, "live"), filepath.Join(dir, "manifests"))
	if code != lintcmd.ExitOK || !strings.Contains(out, "no changes") {
		t.Errorf("exit %d, output %q, stderr %q; want 0 and no changes", code, out, stderr)
	}
}

func TestPlanErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("kind: Model\nModelName: m\nExecutionRoleArn: nope\nPrimaryContainr: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	brokenLive := t.TempDir()
	if err := os.WriteFile(filepath.Join(brokenLive, "x.json"), []byte(`{"Foo": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	live := filepath.Join(examples, "live")
	good := filepath.Join(scenarios, "no-changes", "manifests")
	for name, tc := range map[string]struct {
		args       []string
		wantStderr string
	}{
		"manifest errors":  {[]string{"plan", "--format", "json", "--live-dir", live, bad}, "PrimaryContainr"},
		"unknown naming":   {[]string{"plan", "--naming", "random", "--live-dir", live, good}, "--naming: unknown naming policy"},
		"unknown format":   {[]string{"plan", "--format", "yaml", "--live-dir", live, good}, "expected one of text, json"},
		"unreadable path":  {[]string{"plan", "--live-dir", live, "does-not-exist"}, "does-not-exist"},
		"broken live dir":  {[]string{"plan", "--live-dir", brokenLive, good}, "x.json"},
		"unwritable --out": {[]string{"plan", "--live-dir", filepath.Join(scenarios, "no-changes", "live"), "--out", filepath.Join(brokenLive, "no", "such", "dir.json"), good}, "--out"},
	} {
		t.Run(name, func(t *testing.T) {
			code, out, stderr := run(tc.args...)
			if code != lintcmd.ExitFindings {
				t.Errorf("exit %d, want %d (plan errors exit 1)", code, lintcmd.ExitFindings)
			}
			if !strings.Contains(stderr, tc.wantStderr) {
				t.Errorf("stderr %q lacks %q", stderr, tc.wantStderr)
			}
			if name == "manifest errors" && out != "" {
				t.Errorf("stdout must stay empty (it is JSON for CI): %q", out)
			}
		})
	}
}

// TestPlanAgainstEmulator runs plan and import through the real SDK client with
// --endpoint-url and the standard credential chain (environment variables).
func TestPlanAgainstEmulator(t *testing.T) {
	srv := startEmulator(t) // env_test.go
	code, out, stderr := run("plan", "--endpoint-url", srv.URL(), "--concurrency", "4", filepath.Join(scenarios, "create-all", "manifests"))
	if code != lintcmd.ExitOK || !strings.Contains(out, "Plan: 3 to create") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	if n := srv.Calls("DescribeModel") + srv.Calls("DescribeEndpointConfig") + srv.Calls("DescribeEndpoint"); n != 3 {
		t.Errorf("%d describes, want 3 (one per resource)", n)
	}
	code, _, stderr = run("import", "--endpoint-url", srv.URL(), "absent")
	if code != lintcmd.ExitFindings || !strings.Contains(stderr, `Endpoint "absent" does not exist`) {
		t.Errorf("import of a missing endpoint: exit %d, stderr %q", code, stderr)
	}
}

func TestImport(t *testing.T) {
	live := filepath.Join(examples, "live")
	code, out, stderr := run("import", "--live-dir", live, "--endpoint", "churn-prod")
	if code != lintcmd.ExitOK {
		t.Fatalf("exit %d; stderr: %s", code, stderr)
	}
	for _, want := range []string{"kind: Endpoint", "kind: EndpointConfig", "ModelName: churn-v9", "---"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	dir := t.TempDir()
	if code, _, stderr := run("import", "--live-dir", live, "--out-dir", dir, "--model", "churn-v8"); code != lintcmd.ExitOK {
		t.Fatalf("--out-dir: exit %d; %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "churn-v8.model.yaml"))
	if err != nil || !strings.HasPrefix(string(data), "kind: Model\nModelName: churn-v8\n") {
		t.Fatalf("written manifest: %q, %v", data, err)
	}
	if st, err := os.Stat(filepath.Join(dir, "churn-v8.model.yaml")); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("imported manifest mode %v, %v; want 0600: it may hold Environment secrets", st.Mode().Perm(), err)
	}
	code, _, stderr = run("import", "--live-dir", live, "--out-dir", dir, "--model", "churn-v8")
	if code != lintcmd.ExitFindings || !strings.Contains(stderr, "already exists") {
		t.Errorf("second import into the same dir: exit %d, stderr %q; want a refusal to overwrite", code, stderr)
	}
	if code, _, stderr := run("import", "--live-dir", live); code != lintcmd.ExitFindings || !strings.Contains(stderr, "nothing to import") {
		t.Errorf("no names: exit %d, stderr %q", code, stderr)
	}
	code, out, stderr = run("import", "--live-dir", live, "--all")
	if code != lintcmd.ExitOK || strings.Count(out, "kind: Endpoint\n") != 2 || !strings.Contains(out, "ModelName: sentiment-v2\n") {
		t.Errorf("import --all: exit %d, stderr %q; want every resource of the snapshot:\n%s", code, stderr, out)
	}
	if code, _, stderr := run("import", "--live-dir", live, "--all", "--model", "churn-v8"); code != lintcmd.ExitFindings || !strings.Contains(stderr, "name none with it") {
		t.Errorf("--all with a name: exit %d, stderr %q", code, stderr)
	}
}

// TestPlanMasksSecretsInLintErrors: the lint errors plan prints when it refuses to plan
// quote source lines, which can hold Environment values: those are masked unless
// --show-sensitive.
func TestPlanMasksSecretsInLintErrors(t *testing.T) {
	dir := t.TempDir()
	m := filepath.Join(dir, "m.yaml")
	src := "kind: Model\nModelName: m\nExecutionRoleArn: arn:aws:iam::123456789012:role/r\nPrimaryContainer:\n  Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1\n  Environment:\n    BAD-KEY: s3cret-value\n"
	if err := os.WriteFile(m, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run("plan", "--live-dir", filepath.Join(scenarios, "no-changes", "live"), m)
	if code != lintcmd.ExitFindings || !strings.Contains(stderr, "m.yaml:7:") {
		t.Fatalf("exit %d, want 1 and the error at line 7:\n%s", code, stderr)
	}
	if strings.Contains(stderr, "s3cret-value") || !strings.Contains(stderr, plan.Sensitive) {
		t.Errorf("the Environment value is shown:\n%s", stderr)
	}
	if _, _, stderr := run("plan", "--show-sensitive", "--live-dir", filepath.Join(scenarios, "no-changes", "live"), m); !strings.Contains(stderr, "s3cret-value") {
		t.Errorf("--show-sensitive hides the value:\n%s", stderr)
	}
}
