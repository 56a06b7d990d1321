package awscmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/sagectl/sagectl/internal/lintcmd"
	"github.com/sagectl/sagectl/internal/plan"
)

// envRepo writes a repository with two environments: staging in the emulator's account
// (123456789012), prod in another; staging's overlay doubles the instance count.
func envRepo(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(scenarios, "create-all", "manifests", "churn.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		".sagectl.yaml": "environments:\n" +
			"  staging: {account: \"123456789012\", region: us-east-1, overlay: envs/staging}\n" +
			"  prod: {account: \"222222222222\", region: eu-west-1, overlay: envs/prod}\n",
		"sagemaker/churn.yaml": string(src),
		"envs/staging/churn.yaml": "kind: EndpointConfig\nEndpointConfigName: churn-prod-v9\nProductionVariants:\n" +
			"  - VariantName: current\n    InitialInstanceCount: 4\n",
		"envs/prod/churn.yaml": "kind: Endpoint\nEndpointName: churn-prod\nTags: [{Key: stage, Value: prod}]\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
}

// startEmulator serves the emulator for the test and points the standard credential chain
// at fixed keys, with no config file, metadata service or region of the developer's.
func startEmulator(t *testing.T) *emulator.Server {
	t.Helper()
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_REGION", "")
	return srv
}

// TestEnvironmentsPlanApply: a plan for an environment reads its overlay and region, is
// refused in another account before any SageMaker call, records its environment, and
// the saved plan is refused for another environment.
func TestEnvironmentsPlanApply(t *testing.T) {
	envRepo(t)
	srv := startEmulator(t)
	describes := func() int {
		return srv.Calls("DescribeModel") + srv.Calls("DescribeEndpointConfig") + srv.Calls("DescribeEndpoint")
	}

	code, _, stderr := run("plan", "--env", "prod", "--endpoint-url", srv.URL())
	if code != lintcmd.ExitFindings || !strings.Contains(stderr, "the credentials are for AWS account 123456789012, and environment prod is account 222222222222") {
		t.Fatalf("prod plan with staging credentials: exit %d, stderr %q", code, stderr)
	}
	if n := describes(); n != 0 {
		t.Fatalf("%d SageMaker calls before the account was refused", n)
	}

	saved := filepath.Join(t.TempDir(), "staging.json")
	code, out, stderr := run("plan", "--env", "staging", "--endpoint-url", srv.URL(), "--format", "markdown", "--out", saved)
	if code != lintcmd.ExitOK || !strings.Contains(out, "**Plan for environment `staging`: 3 to create**") || !strings.Contains(out, "+  - InitialInstanceCount: 4") {
		t.Fatalf("staging plan: exit %d, stderr %q:\n%s", code, stderr, out)
	}
	s, err := plan.ReadSaved(saved)
	if err != nil || s.Target.Environment != "staging" || s.Target.Region != "us-east-1" {
		t.Fatalf("saved plan target %+v, %v; want environment staging in us-east-1", s.Target, err)
	}

	code, _, stderr = run("apply", "--env", "prod", "--endpoint-url", srv.URL(), saved)
	if code != lintcmd.ExitFindings || !strings.Contains(stderr, "environment prod is account 222222222222") {
		t.Errorf("staging plan applied with --env prod: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = run("apply", "--env", "staging", "--region", "eu-west-1", "--endpoint-url", srv.URL(), saved)
	if code != lintcmd.ExitFindings || !strings.Contains(stderr, "--region eu-west-1 is not environment staging's region us-east-1") {
		t.Errorf("--region against the environment's: exit %d, stderr %q", code, stderr)
	}
	if srv.Calls("CreateModel") != 0 {
		t.Fatal("a refused apply created something")
	}
	code, out, stderr = run("apply", "--endpoint-url", srv.URL(), saved)
	if code != lintcmd.ExitOK || srv.Calls("CreateEndpointConfig") != 1 {
		t.Fatalf("the staging plan, applied without --env (its environment is the plan's): exit %d, stderr %q\n%s", code, stderr, out)
	}
	code, out, stderr = run("plan", "--env", "staging", "--endpoint-url", srv.URL(), "--detailed-exitcode")
	if code != lintcmd.ExitOK || !strings.Contains(out, "no changes") {
		t.Errorf("re-plan after apply: exit %d, stderr %q:\n%s", code, stderr, out)
	}
}

func TestEnvironmentsImportChecksAccount(t *testing.T) {
	envRepo(t)
	srv := startEmulator(t)
	code, _, stderr := run("import", "--env", "prod", "--endpoint-url", srv.URL(), "churn-prod")
	if code != lintcmd.ExitFindings || !strings.Contains(stderr, "environment prod is account 222222222222") || srv.Calls("DescribeEndpoint") != 0 {
		t.Errorf("import --env prod with staging credentials: exit %d, stderr %q, %d describes", code, stderr, srv.Calls("DescribeEndpoint"))
	}
	if code, _, stderr := run("plan", "--env", "nope", "--endpoint-url", srv.URL()); code != lintcmd.ExitFindings || !strings.Contains(stderr, `defines no environment "nope" (it defines staging, prod)`) {
		t.Errorf("unknown environment: exit %d, stderr %q", code, stderr)
	}
}
