package clitest_test

import (
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/emulator"
)

// A Failed endpoint is never "converged": plan --detailed-exitcode exits 2 with a replace
// (DeleteEndpoint, CreateEndpoint), apply recreates it, and then plan shows no changes.
func TestFailedEndpointRecovers(t *testing.T) {
	c := newCLIEnv(t)
	c.emu.FailEndpoint(emulator.EndpointFault{Outcome: emulator.FailCreate, Endpoint: "churn", Times: 1,
		Reason: "The primary container for production variant current did not pass the ping health check."})
	if code, out := c.apply("--auto-approve", testdata("v1")); code != 1 || !strings.Contains(out, "ping health check") {
		t.Fatalf("apply with a failing create: exit %d, want 1 with the FailureReason\n%s", code, out)
	}
	code, out := c.run("plan", "--naming", "hashed", "--detailed-exitcode", testdata("v1"))
	for _, want := range []string{"Endpoint churn (replace)", "endpoint is Failed (The primary container", "1. DeleteEndpoint", "2. CreateEndpoint"} {
		if !strings.Contains(out, want) {
			t.Errorf("plan of a Failed endpoint lacks %q:\n%s", want, out)
		}
	}
	if code != 2 {
		t.Fatalf("plan --detailed-exitcode of a Failed endpoint: exit %d, want 2 (changes)\n%s", code, out)
	}
	c.emu.ResetCalls()
	if code, out := c.apply("--auto-approve", testdata("v1")); code != 0 || !strings.Contains(out, "Apply complete") {
		t.Fatalf("apply recreating the Failed endpoint: exit %d\n%s", code, out)
	}
	if d, c2 := c.emu.Calls("DeleteEndpoint"), c.emu.Calls("CreateEndpoint"); d != 1 || c2 != 1 {
		t.Errorf("recreate made %d DeleteEndpoint and %d CreateEndpoint calls, want 1 and 1", d, c2)
	}
	c.converged(testdata("v1"))
}

// A recreate that fails again exits 1 and the next plan still shows the replace.
func TestFailedEndpointFailsAgain(t *testing.T) {
	c := newCLIEnv(t)
	c.emu.FailEndpoint(emulator.EndpointFault{Outcome: emulator.FailCreate, Endpoint: "churn", Times: 2})
	if code, _ := c.apply("--auto-approve", testdata("v1")); code != 1 {
		t.Fatalf("first apply: exit %d, want 1", code)
	}
	if code, out := c.apply("--auto-approve", testdata("v1")); code != 1 || strings.Contains(out, "Apply complete") {
		t.Fatalf("recreate that fails again: exit %d, want 1\n%s", code, out)
	}
	if code, out := c.run("plan", "--naming", "hashed", "--detailed-exitcode", testdata("v1")); code != 2 || !strings.Contains(out, "(replace)") {
		t.Fatalf("plan after the failed recreate: exit %d, want 2 with the replace\n%s", code, out)
	}
}
