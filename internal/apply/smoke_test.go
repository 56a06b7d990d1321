package apply

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sagemakerruntime"

	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/sagectl/sagectl/internal/plan"
)

// withRuntime gives the harness's executor a SageMaker Runtime client on the emulator.
func (h *harness) withRuntime() {
	h.x.Runtime = sagemakerruntime.New(sagemakerruntime.Options{Region: "us-east-1", BaseEndpoint: aws.String(h.emu.URL()),
		Retryer: aws.NopRetryer{}, Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
}

// smokeTest is a test of ep that sends {"ok": true} (the emulator echoes it) and expects
// $.ok to be true, switching back to rollbackTo on failure.
func smokeTest(ep, rollbackTo string) *plan.SmokeTest {
	eq := "true"
	return &plan.SmokeTest{SmokeTestName: ep + "-ok", Source: "tests.yaml:1", EndpointName: ep, ContentType: "application/json",
		Body: []byte(`{"ok": true}`), Expect: plan.SmokeExpect{Status: 200, JSONPath: "$.ok", Equals: &eq},
		Attempts: 3, IntervalSeconds: 10, RollbackTo: rollbackTo}
}

// swapWithSmoke is the plan of a swap of ep from cfg-1 to cfg-2 with test, then cfg-1's delete.
func swapWithSmoke(t *testing.T, test *plan.SmokeTest) []Step {
	swap := swapConfig("ep", "cfg-2")
	swap.Inputs = append(swap.Inputs, test)
	steps := planned(t, createConfig("cfg-2", "m"), swap, deleteConfig("cfg-1"))
	steps[2].After = append(steps[2].After, 1) // the superseded config goes after the swap, as plan orders it
	return steps
}

func TestSmokeTestPassesAndTheOldConfigGoes(t *testing.T) {
	h := newHarness(t)
	h.withRuntime()
	h.deployed(t, "ep", "cfg-1", "m", true)
	h.emu.FailInvocations(emulator.InvokeFault{Endpoint: "ep", Status: 503, Times: 2}) // warming up: two failures, then answers
	res := h.x.Run(h.ctx, swapWithSmoke(t, smokeTest("ep", "cfg-1")))
	if !res.OK() {
		t.Fatalf("apply failed: %+v", res.Steps)
	}
	if got := aws.ToString(h.describe(t, "ep").EndpointConfigName); got != "cfg-2" {
		t.Errorf("endpoint runs %s, want cfg-2", got)
	}
	if h.configExists(t, "cfg-1") {
		t.Error("cfg-1 was kept after a passing smoke test")
	}
}

func TestFailedSmokeTestRollsBackAndKeepsTheOldConfig(t *testing.T) {
	h := newHarness(t)
	h.withRuntime()
	h.deployed(t, "ep", "cfg-1", "m", true)
	h.emu.FailInvocations(emulator.InvokeFault{Endpoint: "ep", Status: 503})
	res := h.x.Run(h.ctx, swapWithSmoke(t, smokeTest("ep", "cfg-1")))
	if got := states(res); got[1] != Failed || got[2] != Skipped {
		t.Fatalf("states = %v, want the swap failed and the delete skipped", got)
	}
	var e *Error
	if err := res.Steps[1].Err; !errors.As(err, &e) || e.Kind != KindSmokeFailed ||
		!strings.Contains(err.Error(), "failed 3 of 3 attempts") || !strings.Contains(err.Error(), "status 503") ||
		!strings.Contains(err.Error(), "rolled back: the endpoint serves cfg-1 again") {
		t.Errorf("error = %v; want the smoke failure and the rollback's outcome", err)
	}
	if got := aws.ToString(h.describe(t, "ep").EndpointConfigName); got != "cfg-1" {
		t.Errorf("endpoint runs %s after the rollback, want cfg-1", got)
	}
	if !h.configExists(t, "cfg-1") || !h.configExists(t, "cfg-2") {
		t.Error("a failed smoke test must keep both configs (cfg-1 serves, cfg-2 for diagnosis)")
	}
}

func TestFailedSmokeTestOfANewEndpointSaysWhatIsLeft(t *testing.T) {
	h := newHarness(t)
	h.withRuntime()
	test := smokeTest("fresh", "")
	test.Expect.Contains = "never in the answer"
	create := createEndpoint("fresh", "cfg-1")
	create.Inputs = append(create.Inputs, test)
	res := h.x.Run(h.ctx, planned(t, createModel("m"), createConfig("cfg-1", "m"), create))
	err := res.Steps[2].Err
	if res.Steps[2].State != Failed || err == nil || !strings.Contains(err.Error(), `does not contain "never in the answer"`) ||
		!strings.Contains(err.Error(), "no earlier config to switch back to") {
		t.Fatalf("create step: %v %v; want a failed smoke test that says nothing was rolled back", res.Steps[2].State, err)
	}
}

func TestSmokeTestWithoutRuntimeClientFails(t *testing.T) {
	h := newHarness(t)
	h.deployed(t, "ep", "cfg-1", "m", true)
	res := h.x.Run(h.ctx, swapWithSmoke(t, smokeTest("ep", "cfg-1")))
	if err := res.Steps[1].Err; err == nil || !strings.Contains(err.Error(), "no SageMaker Runtime client") {
		t.Fatalf("err = %v; want the missing client named", err)
	}
	if got := aws.ToString(h.describe(t, "ep").EndpointConfigName); got != "cfg-2" {
		t.Errorf("endpoint runs %s: a test that could not run rolls nothing back", got)
	}
}

func TestCheckAnswer(t *testing.T) {
	eq := func(s string) *string { return &s }
	for _, c := range []struct {
		name   string
		e      plan.SmokeExpect
		status int
		body   string
		want   string
	}{
		{"ok", plan.SmokeExpect{}, 200, "x", ""},
		{"status", plan.SmokeExpect{Status: 200}, 500, "boom", "answered status 500, want 200"},
		{"expected error status", plan.SmokeExpect{Status: 400}, 400, "bad", ""},
		{"contains", plan.SmokeExpect{Contains: "cat"}, 200, "dog", `does not contain "cat"`},
		{"not json", plan.SmokeExpect{JSONPath: "$.a"}, 200, "<html>", "not JSON"},
		{"missing path", plan.SmokeExpect{JSONPath: "$.a[1]"}, 200, `{"a": [1]}`, "has no $.a[1]"},
		{"number equals", plan.SmokeExpect{JSONPath: "$.a[0]", Equals: eq("1")}, 200, `{"a": [1]}`, ""},
		{"string equals", plan.SmokeExpect{JSONPath: "$.l", Equals: eq("cat")}, 200, `{"l": "cat"}`, ""},
		{"differs", plan.SmokeExpect{JSONPath: "$.l", Equals: eq("cat")}, 200, `{"l": "dog"}`, `$.l is dog, want "cat"`},
		{"bad path", plan.SmokeExpect{JSONPath: "l"}, 200, `{}`, "starts with"},
	} {
		err := check(c.e, c.status, []byte(c.body))
		if (c.want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: check = %v, want %q", c.name, err, c.want)
		}
	}
}
