package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/emulator"
	"gopkg.in/yaml.v3"
)

// fakeGH stands in for the gh CLI: it logs each call's arguments (and the body file's
// first line) and answers the comment listing with comment 42 for prod's marker only.
const fakeGH = `#!/usr/bin/env bash
echo "gh $*" >> "$GH_LOG"
for a in "$@"; do case "$a" in body=@*) head -n 2 "${a#body=@}" | tr '\n' ' ' >> "$GH_LOG"; echo >> "$GH_LOG";; esac; done
if [[ "$*" == *"--paginate"* && "$*" == *"sagectl-plan:prod"* ]]; then echo 42; fi
`

// TestActionPlanComments runs the action's "Plan comments" step as written, with sagectl
// (this test binary) planning against the emulator and a fake gh: one comment per
// environment, created when none carries its marker and updated (PATCH) when one does,
// and a plan refused in the wrong account is posted as a failure and fails the step.
func TestActionPlanComments(t *testing.T) {
	if testing.Short() {
		t.Skip("runs bash and the emulator")
	}
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	var script string
	for _, s := range a.Runs.Steps {
		if s.Name == "Plan comments" {
			script = s.Run
		}
	}
	if script == "" {
		t.Fatal("action.yml has no Plan comments step")
	}
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	bin, repo, tmp := t.TempDir(), t.TempDir(), t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, filepath.Join(bin, "sagectl")); err != nil { // TestMain runs it as sagectl
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bin, "gh"), []byte(fakeGH), 0o755); err != nil {
		t.Fatal(err)
	}
	manifests, err := os.ReadFile("../../testdata/plan/create-all/manifests/churn.yaml")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		".sagectl.yaml":        "environments:\n  staging: {account: \"123456789012\", region: us-east-1}\n  prod: {account: \"222222222222\", region: us-east-1}\n",
		"sagemaker/churn.yaml": string(manifests),
	}
	for name, body := range files {
		p := filepath.Join(repo, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	log := filepath.Join(tmp, "gh.log")
	cmd := exec.Command("bash", "-c", script)
	cmd.Dir = repo
	cmd.Env = []string{"PATH=" + bin + ":" + os.Getenv("PATH"), "HOME=" + tmp, "RUNNER_TEMP=" + tmp, "GH_LOG=" + log,
		"PATHS=sagemaker/", "ENVIRONMENTS=staging prod", "PR=7", "REPO=o/r", "GH_TOKEN=x", "NO_COLOR=1",
		"AWS_ENDPOINT_URL=" + srv.URL(), "AWS_ACCESS_KEY_ID=AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY=secret",
		"AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_EC2_METADATA_DISABLED=true"}
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("the step must fail (prod's plan is refused): %v\n%s", err, out)
	}
	calls, err := os.ReadFile(log)
	if err != nil {
		t.Fatalf("gh was never called: %v\n%s", err, out)
	}
	got := string(calls)
	for _, want := range []string{
		`gh api repos/o/r/issues/7/comments --paginate --jq .[] | select(.body | startswith("<!-- sagectl-plan:staging -->")) | .id`,
		"gh api repos/o/r/issues/7/comments -F body=@" + tmp + "/plan-staging.md\n<!-- sagectl-plan:staging --> ### sagectl plan: staging",
		"gh api -X PATCH repos/o/r/issues/comments/42 -F body=@" + tmp + "/plan-prod.md\n<!-- sagectl-plan:prod --> ### sagectl plan: prod",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("gh calls lack %q:\n%s", want, got)
		}
	}
	staging, _ := os.ReadFile(filepath.Join(tmp, "plan-staging.md"))
	prod, _ := os.ReadFile(filepath.Join(tmp, "plan-prod.md"))
	if !strings.Contains(string(staging), "**Plan for environment `staging`: 3 to create**") {
		t.Errorf("staging comment:\n%s", staging)
	}
	if !strings.Contains(string(prod), "**The plan failed:**") || !strings.Contains(string(prod), "environment prod is account 222222222222") {
		t.Errorf("prod comment must say the plan was refused and why:\n%s", prod)
	}
}
