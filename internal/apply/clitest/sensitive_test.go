package clitest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/emulator"
)

const sensitiveManifest = `kind: Model
ModelName: churn
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker-execution
PrimaryContainer:
  Image: 763104351884.dkr.ecr.us-east-1.amazonaws.com/xgboost-inference:1.7-1
  ModelDataUrl: s3://acme-models/churn/model.tar.gz
  Environment:
    API_TOKEN: SECRET
    LOG_LEVEL: "1"
---
kind: EndpointConfig
EndpointConfigName: churn
ProductionVariants:
  - VariantName: current
    ModelName: churn
    InstanceType: ml.m5.xlarge
    InitialInstanceCount: 1
Tags:
  - {Key: Environment, Value: production}
---
kind: Endpoint
EndpointName: churn
EndpointConfigName: churn
`

// TestCLIMasksEnvironment: Environment values appear in no shown output (plan text and
// JSON, apply's plan, progress, errors and summary) unless --show-sensitive; the saved plan
// holds them, readable by its owner only.
func TestCLIMasksEnvironment(t *testing.T) {
	c := newCLIEnv(t)
	dir := t.TempDir()
	write := func(secret string) {
		if err := os.WriteFile(filepath.Join(dir, "churn.yaml"), []byte(strings.Replace(sensitiveManifest, "SECRET", secret, 1)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	const first, second = "tok-first-0a1b2c", "tok-second-3d4e5f"
	write(first)
	noSecret := func(what, out string, secrets ...string) {
		t.Helper()
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Errorf("%s shows the Environment value %q:\n%s", what, s, out)
			}
		}
		if !strings.Contains(out, "(sensitive)") {
			t.Errorf("%s does not say (sensitive):\n%s", what, out)
		}
	}
	for _, format := range []string{"text", "json"} {
		code, out := c.run("plan", "--naming", "hashed", "--format", format, dir)
		if code != 0 {
			t.Fatalf("plan: exit %d\n%s", code, out)
		}
		noSecret("plan --format "+format, out, first)
		if format == "text" && !strings.Contains(out, `"1"`) && !strings.Contains(out, "LOG_LEVEL: (sensitive)") {
			t.Errorf("plan masks every Environment value, short ones included:\n%s", out)
		}
		if !strings.Contains(out, "production") {
			t.Errorf("a tag named Environment is not a secret:\n%s", out)
		}
	}
	if _, out := c.run("plan", "--naming", "hashed", "--show-sensitive", dir); !strings.Contains(out, first) {
		t.Errorf("plan --show-sensitive does not show the value:\n%s", out)
	}

	code, out := c.apply("--auto-approve", dir)
	if code != 0 {
		t.Fatalf("apply: exit %d\n%s", code, out)
	}
	noSecret("apply from manifests", out, first)

	// A changed value, saved: the file holds it, 0600; apply of it masks it in progress,
	// errors and summary (the update fails with a reason that quotes the variable).
	write(second)
	saved := filepath.Join(dir, "..", "plan.json")
	os.WriteFile(saved, []byte("{}"), 0o644) // an older, world-readable file is replaced
	if code, out := c.run("plan", "--naming", "hashed", "--out", saved, dir); code != 0 {
		t.Fatalf("plan --out: exit %d\n%s", code, out)
	} else {
		noSecret("plan of the change", out, first, second)
	}
	data, err := os.ReadFile(saved)
	if err != nil || !strings.Contains(string(data), second) {
		t.Fatalf("the saved plan must hold the value apply sends: %v\n%s", err, data)
	}
	if st, _ := os.Stat(saved); st.Mode().Perm() != 0o600 {
		t.Errorf("saved plan mode %v, want 0600", st.Mode().Perm())
	}
	c.emu.FailEndpoint(emulator.EndpointFault{Outcome: emulator.FailUpdate, Endpoint: "churn", Reason: "container exited: API_TOKEN=" + second + " rejected", Times: 1})
	code, out = c.run("apply", "--poll-max", "5ms", "--retry-max-backoff", "5ms", saved)
	if code != 1 || !strings.Contains(out, "API_TOKEN=(sensitive) rejected") {
		t.Errorf("apply: exit %d, want 1 and the masked FailureReason\n%s", code, out)
	}
	noSecret("apply of a saved plan", out, first, second)
}
