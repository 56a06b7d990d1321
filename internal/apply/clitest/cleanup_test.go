package clitest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/emulator"
)

// configs lists the endpoint configs the emulator holds (sagectl import --all).
func (c *cliEnv) configs() []string {
	c.t.Helper()
	code, out := c.run("import", "--all")
	if code != 0 {
		c.t.Fatalf("import --all: exit %d\n%s", code, out)
	}
	var names []string
	prev := ""
	for _, line := range strings.Split(out, "\n") {
		if n, ok := strings.CutPrefix(line, "EndpointConfigName: "); ok && prev == "kind: EndpointConfig" {
			names = append(names, n)
		}
		prev = line
	}
	return names
}

// TestCLIFailedDeleteLeavesNothingOrphaned: the swap succeeds but the delete of the
// superseded config fails (500s past every retry). The endpoint's ledger records the old
// config, so the next plan, without --prune, shows its delete, and the next apply converges
// with one config left.
func TestCLIFailedDeleteLeavesNothingOrphaned(t *testing.T) {
	c := newCLIEnv(t)
	if code, out := c.apply("--auto-approve", testdata("v1")); code != 0 {
		t.Fatal(out)
	}
	c.emu.Inject(emulator.Fault{Kind: emulator.InternalError, Op: "DeleteEndpointConfig", Times: 100})
	code, out := c.apply("--auto-approve", testdata("v3"))
	if code != 1 || !strings.Contains(out, "Apply failed") {
		t.Fatalf("apply with failing deletes: exit %d\n%s", code, out)
	}
	if !strings.Contains(out, "sagectl plan shows what is left") {
		t.Errorf("the closing message does not say how to see what is left:\n%s", out)
	}
	c.emu.ClearFaults()
	if n := len(c.configs()); n != 2 {
		t.Fatalf("%d configs after the failed delete, want 2 (old and new)", n)
	}
	code, out = c.run("plan", "--naming", "hashed", "--detailed-exitcode", testdata("v3"))
	if code != 2 || !strings.Contains(out, "left by an earlier apply that did not finish") || !strings.Contains(out, "DeleteEndpointConfig") {
		t.Fatalf("plan after the failed apply: exit %d, want 2 and the delete of the superseded config\n%s", code, out)
	}
	if code, out := c.apply("--auto-approve", testdata("v3")); code != 0 {
		t.Fatalf("re-apply: exit %d\n%s", code, out)
	}
	c.converged(testdata("v3"))
	if got := c.configs(); len(got) != 1 {
		t.Errorf("configs %v after converging, want only the one in use", got)
	}
}

// TestCLIRolledBackSwapLeavesNothingOrphaned: a swap rolls back, so the config created
// for it is unused; the manifest then moves on to another config. The next plan deletes
// the unused one (recorded as created on the endpoint) besides the superseded one.
func TestCLIRolledBackSwapLeavesNothingOrphaned(t *testing.T) {
	c := newCLIEnv(t)
	if code, out := c.apply("--auto-approve", testdata("v1")); code != 0 {
		t.Fatal(out)
	}
	c.emu.FailEndpoint(emulator.EndpointFault{Outcome: emulator.RollbackUpdate, Endpoint: "churn", Times: 1})
	if code, out := c.apply("--auto-approve", testdata("v3")); code != 1 {
		t.Fatalf("rolled-back apply: exit %d\n%s", code, out)
	}
	v4 := t.TempDir()
	data, err := os.ReadFile(filepath.Join(testdata("v3"), "churn.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(v4, "churn.yaml"), []byte(strings.ReplaceAll(string(data), "ml.m5.2xlarge", "ml.m5.4xlarge")), 0o600)
	code, out := c.run("plan", "--naming", "hashed", v4)
	if code != 0 || strings.Count(out, "(delete)") != 2 || !strings.Contains(out, "says created") {
		t.Fatalf("plan of the next change: exit %d, want the superseded and the unused config deleted\n%s", code, out)
	}
	if code, out := c.apply("--auto-approve", v4); code != 0 {
		t.Fatalf("apply: exit %d\n%s", code, out)
	}
	c.converged(v4)
	if got := c.configs(); len(got) != 1 {
		t.Errorf("configs %v after converging, want only the one in use", got)
	}
}
