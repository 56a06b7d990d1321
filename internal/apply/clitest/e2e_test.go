package clitest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sagectl/sagectl/internal/emulator"
)

// mutations are the calls apply makes and plan never does: request faults on them hit apply.
var mutations = []string{"CreateModel", "CreateEndpointConfig", "CreateEndpoint", "UpdateEndpoint",
	"UpdateEndpointWeightsAndCapacities", "DeleteEndpointConfig"}

// burst fails the next n requests of every mutation with kind.
func burst(kind emulator.FaultKind, n int) func(*emulator.Server) {
	return func(s *emulator.Server) {
		for _, op := range mutations {
			s.Inject(emulator.Fault{Kind: kind, Op: op, Times: n})
		}
	}
}

// TestCLIConverges runs the walkthrough (create, shift a weight, change the instance type)
// with each fault injected: every apply converges (plan then shows no changes), and each
// mutation reaches the service once plus the retries the fault forces.
func TestCLIConverges(t *testing.T) {
	tests := []struct {
		name   string
		inject func(*emulator.Server)
		extra  int // requests per mutation the fault adds
	}{
		{"no fault", func(*emulator.Server) {}, 0},
		{"stale reads after create", func(s *emulator.Server) { s.SetStaleReads(emulator.StaleReads{Calls: 2}) }, 0},
		{"throttling bursts", burst(emulator.Throttle, 3), 3},
		{"500s", burst(emulator.InternalError, 2), 2},
		{"503s", burst(emulator.Unavailable, 1), 1},
		{"latency", func(s *emulator.Server) {
			s.Inject(emulator.Fault{Kind: emulator.Latency, Delay: 5 * time.Millisecond})
		}, 0},
	}
	// What each apply of the walkthrough mutates.
	want := map[string]map[string]int{
		"v1": {"CreateModel": 1, "CreateEndpointConfig": 1, "CreateEndpoint": 1},
		"v2": {"UpdateEndpointWeightsAndCapacities": 1},
		"v3": {"CreateEndpointConfig": 1, "UpdateEndpoint": 1, "DeleteEndpointConfig": 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCLIEnv(t)
			for _, v := range []string{"v1", "v2", "v3"} {
				c.emu.ResetCalls()
				tt.inject(c.emu)
				code, out := c.apply("--auto-approve", testdata(v))
				if code != 0 || !strings.Contains(out, "Apply complete") {
					t.Fatalf("apply %s: exit %d\n%s", v, code, out)
				}
				for _, op := range mutations {
					n := want[v][op]
					if n > 0 {
						n += tt.extra
					}
					if got := c.emu.Calls(op); got != n {
						t.Errorf("apply %s: %s reached the service %d times, want %d", v, op, got, n)
					}
				}
				c.emu.ClearFaults()
				c.converged(testdata(v))
			}
		})
	}
}

func TestCLIWeightShiftMakesNoNewFleet(t *testing.T) {
	c := newCLIEnv(t)
	if code, out := c.apply("--auto-approve", testdata("v1")); code != 0 {
		t.Fatal(out)
	}
	c.emu.ResetCalls()
	code, out := c.apply("--auto-approve", testdata("v2"))
	if code != 0 {
		t.Fatal(out)
	}
	if n := c.emu.Calls("UpdateEndpointWeightsAndCapacities"); n != 1 {
		t.Errorf("UpdateEndpointWeightsAndCapacities calls = %d, want 1", n)
	}
	for _, op := range []string{"CreateEndpointConfig", "UpdateEndpoint", "DeleteEndpointConfig"} {
		if n := c.emu.Calls(op); n != 0 {
			t.Errorf("%s called %d times for a weight change", op, n)
		}
	}
}

func TestCLIRefusesWithoutApproval(t *testing.T) {
	c := newCLIEnv(t)
	code, out := c.apply(testdata("v1"))
	if code != 1 || !strings.Contains(out, "not applying: standard input is not a terminal") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	null, err := os.Open(os.DevNull) // a character device, but nobody types on it
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	code, out = c.runWith(null, "apply", testdata("v1"))
	if code != 1 || !strings.Contains(out, "not applying: standard input is not a terminal") {
		t.Fatalf("stdin /dev/null: exit %d:\n%s", code, out)
	}
	if n := c.emu.Calls("CreateModel"); n != 0 {
		t.Errorf("CreateModel called %d times without approval", n)
	}
}

func TestCLISavedPlanAndStaleCheck(t *testing.T) {
	c := newCLIEnv(t)
	dir := t.TempDir()
	fresh, stale := filepath.Join(dir, "fresh.json"), filepath.Join(dir, "stale.json")
	for _, f := range []string{fresh, stale} {
		if code, out := c.run("plan", "--naming", "hashed", "--out", f, testdata("v1")); code != 0 {
			t.Fatal(out)
		}
	}
	if code, out := c.run("apply", "--poll-max", "5ms", fresh); code != 0 {
		t.Fatalf("apply saved plan: exit %d\n%s", code, out)
	}
	c.converged(testdata("v1"))
	nothing := filepath.Join(dir, "nothing.json")
	if code, out := c.run("plan", "--naming", "hashed", "--out", nothing, testdata("v1")); code != 0 {
		t.Fatal(out)
	}
	if code, out := c.run("apply", nothing); code != 0 || out != "No changes: the plan has nothing to apply.\n" {
		t.Errorf("apply of a plan without changes: exit %d\n%s", code, out)
	}
	c.emu.ResetCalls()
	code, out := c.run("apply", "--poll-max", "5ms", stale)
	if code != 1 || !strings.Contains(out, "the plan is stale") || !strings.Contains(out, "Endpoint churn: was created since the plan") {
		t.Fatalf("stale plan: exit %d\n%s", code, out)
	}
	for _, op := range []string{"CreateModel", "CreateEndpointConfig", "CreateEndpoint", "UpdateEndpoint"} {
		if n := c.emu.Calls(op); n != 0 {
			t.Errorf("a stale plan made %d %s calls", n, op)
		}
	}
	if code, out := c.run("apply", "--prune", stale); code != 1 || !strings.Contains(out, "--prune applies when planning from PATHs") {
		t.Errorf("--prune with a plan file: exit %d\n%s", code, out)
	}
	if code, out := c.run("apply", stale, testdata("v1")); code != 1 || !strings.Contains(out, "is a saved plan: apply it alone") {
		t.Errorf("a plan file among manifests: exit %d\n%s", code, out)
	}
	// A JSON manifest is not mistaken for a plan.
	if code, out := c.run("apply", "--auto-approve", "--poll-max", "5ms", filepath.Join(testdata("json"), "model.json")); code != 0 || !strings.Contains(out, "Apply complete") {
		t.Errorf("JSON manifest: exit %d\n%s", code, out)
	}
}

func TestCLIEndpointFailsToCreate(t *testing.T) {
	c := newCLIEnv(t)
	c.emu.FailEndpoint(emulator.EndpointFault{Outcome: emulator.FailCreate, Endpoint: "churn", Reason: "ping health check failed", Times: 1})
	code, out := c.apply("--auto-approve", testdata("v1"))
	for _, want := range []string{`endpoint "churn": Failed: FailureReason "ping health check failed"`, "Apply failed", "CreateEndpoint"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
}

func TestCLISilentRollback(t *testing.T) {
	c := newCLIEnv(t)
	if code, out := c.apply("--auto-approve", testdata("v1")); code != 0 {
		t.Fatal(out)
	}
	c.emu.FailEndpoint(emulator.EndpointFault{Outcome: emulator.RollbackUpdate, Endpoint: "churn", Times: 1})
	code, out := c.apply("--auto-approve", testdata("v3"))
	if code != 1 || !strings.Contains(out, "was rolled back") || !strings.Contains(out, "is kept") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if n := c.emu.Calls("DeleteEndpointConfig"); n != 0 {
		t.Errorf("the old config was deleted after a rollback (%d calls)", n)
	}
	// The next apply (fault gone) converges.
	if code, out := c.apply("--auto-approve", testdata("v3")); code != 0 {
		t.Fatalf("re-apply: exit %d\n%s", code, out)
	}
	c.converged(testdata("v3"))
}

// TestCLIRefusesOldAndBrokenPlans: a version-1 file (an older --out, or the --format json
// output) and a truncated saved plan are refused before anything is read or changed, each
// saying to plan again.
func TestCLIRefusesOldAndBrokenPlans(t *testing.T) {
	c := newCLIEnv(t)
	dir := t.TempDir()
	v1, truncated := filepath.Join(dir, "v1.json"), filepath.Join(dir, "truncated.json")
	code, out := c.run("plan", "--format", "json", testdata("v1"))
	if code != 0 || !strings.Contains(out, `"format_version": 1`) {
		t.Fatalf("plan --format json: exit %d\n%s", code, out)
	}
	saved := filepath.Join(dir, "saved.json")
	if code, out := c.run("plan", "--out", saved, testdata("v1")); code != 0 {
		t.Fatal(out)
	}
	data, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(v1, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(truncated, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	// Whole-plan validation: what is missing is named, before any call.
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "fingerprints")
	delete(m, "format_version")
	rest, _ := json.Marshal(m)
	noFingerprints := append([]byte(`{"format_version": 3, `), rest[1:]...) // first, as plan --out writes it
	sorted, _ := json.Marshal(map[string]any{"format_version": 3, "actions": m["actions"]})
	files := map[string]string{v1: "a version 1 plan", truncated: "malformed plan",
		filepath.Join(dir, "tiny-v1.json"): "a version 1 plan", filepath.Join(dir, "tiny-v2.json"): "a version 2 plan",
		filepath.Join(dir, "tiny-v3.json"):         `naming ""`,
		filepath.Join(dir, "no-fingerprints.json"): `no "fingerprints"`}
	os.WriteFile(filepath.Join(dir, "tiny-v1.json"), []byte(`{"format_version":1}`), 0o600)
	os.WriteFile(filepath.Join(dir, "tiny-v2.json"), []byte(`{"format_version":2}`), 0o600)
	os.WriteFile(filepath.Join(dir, "tiny-v3.json"), []byte(`{"format_version":3}`), 0o600)
	os.WriteFile(filepath.Join(dir, "no-fingerprints.json"), noFingerprints, 0o600)
	os.WriteFile(filepath.Join(dir, "sorted.json"), sorted, 0o600)
	files[filepath.Join(dir, "sorted.json")] = "a format_version, but not at the start of the file"
	c.emu.ResetCalls()
	for file, want := range files {
		code, out := c.run("apply", "--auto-approve", file)
		if code != 1 || !strings.Contains(out, file+": "+want) || !strings.Contains(out, "sagectl plan --out FILE") {
			t.Errorf("apply %s: exit %d, want 1 and %q naming the fix\n%s", filepath.Base(file), code, want, out)
		}
	}
	// Not a plan: JSON that is no manifest either, a device, a FIFO. None is read as a plan
	// or waited on.
	notPlan := filepath.Join(dir, "notplan.json")
	os.WriteFile(notPlan, []byte(`{"hello": 1, "actions": []}`), 0o600)
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{notPlan: "is JSON but neither a saved plan", "/dev/zero": "/dev/zero is a character device, not a regular file",
		fifo: "is a named pipe (FIFO), not a regular file"} {
		start := time.Now()
		code, out := c.run("apply", "--auto-approve", file)
		if code != 1 || !strings.Contains(out, want) || time.Since(start) > 20*time.Second {
			t.Errorf("apply %s: exit %d after %s, want 1 and %q\n%s", file, code, time.Since(start), want, out)
		}
	}
	if n := c.emu.Calls("CreateModel") + c.emu.Calls("DescribeEndpoint") + c.emu.Calls("DescribeModel"); n != 0 {
		t.Errorf("a refused plan made %d calls", n)
	}
}
