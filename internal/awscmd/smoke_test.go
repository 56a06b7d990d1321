package awscmd

import (
	"os"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/sagectl/sagectl/internal/lintcmd"
)

// smokeManifest appends to the churn manifest at path a smoke test of churn-prod.
func smokeManifest(t *testing.T, path string) string {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("---\nkind: SmokeTest\nSmokeTestName: churn-answers\nEndpointName: churn-prod\nContentType: application/json\n" +
		"Body: '{\"ok\": true}'\nExpect: {JSONPath: $.ok, Equals: \"true\"}\nAttempts: 2\nIntervalSeconds: 1\n"); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestApplyRollsBackAnUpdateWhoseSmokeTestFails: the first version answers and is kept; the
// second's smoke test fails, so apply switches the endpoint back to the first config, keeps
// it (no delete), exits 1 and says both; rollback with the manifests runs the test again.
func TestApplyRollsBackAnUpdateWhoseSmokeTestFails(t *testing.T) {
	srv := seededEmulator(t, emulator.World{})
	v1 := smokeManifest(t, churnManifest(t))
	code, out, stderr := run("apply", "--endpoint-url", srv.URL(), "--naming", "hashed", "--auto-approve", "--poll-max", "1s", v1)
	if code != lintcmd.ExitOK || !strings.Contains(out, "SmokeTest churn-answers: InvokeEndpoint") {
		t.Fatalf("apply v1: exit %d, stdout %s, stderr %s", code, out, stderr)
	}
	first := servedConfig(t, srv)
	srv.FailInvocations(emulator.InvokeFault{Endpoint: "churn-prod", Status: 503})
	v2 := smokeManifest(t, churnManifest(t, "InitialInstanceCount: 2", "InitialInstanceCount: 3"))
	code, out, stderr = run("apply", "--endpoint-url", srv.URL(), "--naming", "hashed", "--auto-approve", "--poll-max", "1s", v2)
	if code != lintcmd.ExitFindings || !strings.Contains(out, "failed 2 of 2 attempts") ||
		!strings.Contains(out, "rolled back: the endpoint serves "+first+" again") {
		t.Fatalf("apply v2: exit %d, stdout %s, stderr %s; want the smoke failure and the rollback", code, out, stderr)
	}
	if got := servedConfig(t, srv); got != first {
		t.Errorf("the endpoint serves %s after the failed smoke test, want %s", got, first)
	}
	if srv.Calls("DeleteEndpointConfig") != 0 {
		t.Errorf("a config was deleted although the smoke test failed: %v", srv.CallCounts())
	}
}
