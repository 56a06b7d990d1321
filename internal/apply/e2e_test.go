package apply

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

func TestApplyCreatesTaggedResources(t *testing.T) {
	h := newHarness(t)
	start := h.clock.Now()
	res := h.x.Run(h.ctx, planned(t, createModel("m1"), createConfig("c1", "m1"), createEndpoint("ep", "c1")))
	if !res.OK() {
		t.Fatalf("states %v: %+v", states(res), res.Steps)
	}
	// The endpoint is InService 10 minutes after its creation; apply ends within one
	// (capped) poll interval of that.
	if took := h.clock.Now().Sub(start); took < 10*time.Minute || took > 10*time.Minute+DefaultPollMax {
		t.Errorf("apply took %v of emulated time, want within %v of the 10m creation", took, DefaultPollMax)
	}
	// 10 minutes of creation polled at 0, 1, 3, 7, 15, 31 s, then every 30 s: 25 polls.
	if got := h.emu.Calls("DescribeEndpoint"); got != 25 {
		t.Errorf("DescribeEndpoint polls = %d, want 25", got)
	}
	d := h.describe(t, "ep")
	if d.EndpointStatus != types.EndpointStatusInService || aws.ToString(d.EndpointConfigName) != "c1" {
		t.Fatalf("endpoint %s on %s", d.EndpointStatus, aws.ToString(d.EndpointConfigName))
	}
	tags, err := Tags(h.ctx, h.raw, aws.ToString(d.EndpointArn))
	if err != nil || tags[ManagedByTag] != ManagedByValue {
		t.Errorf("endpoint tags %v, %v: want the ownership tag", tags, err)
	}
	// One call per mutation, and no call repeated except the polls a wait needs.
	for op, want := range map[string]int{"CreateModel": 1, "CreateEndpointConfig": 1, "CreateEndpoint": 1, "DescribeModel": 1, "DescribeEndpointConfig": 1} {
		if got := h.emu.Calls(op); got != want {
			t.Errorf("%s calls = %d, want %d", op, got, want)
		}
	}
}

func TestApplySwapsVerifiesAndCollects(t *testing.T) {
	h := newHarness(t)
	h.deployed(t, "ep", "c1", "m1", true)
	res := h.x.Run(h.ctx, planned(t, createModel("m2"), createConfig("c2", "m2"), swapConfig("ep", "c2"), deleteConfig("c1"), deleteModel("m1")))
	if !res.OK() {
		t.Fatalf("states %v: %+v", states(res), res.Steps)
	}
	if c := aws.ToString(h.describe(t, "ep").EndpointConfigName); c != "c2" {
		t.Errorf("endpoint on %q, want c2", c)
	}
	if h.configExists(t, "c1") || h.modelExists(t, "m1") {
		t.Error("the superseded config and model were not deleted")
	}
	if n := h.emu.Calls("UpdateEndpoint"); n != 1 {
		t.Errorf("UpdateEndpoint calls = %d", n)
	}
}

func TestApplySilentRollbackKeepsOldConfig(t *testing.T) {
	for _, reason := range []string{"", "Failed to update endpoint. The endpoint was rolled back."} {
		h := newHarness(t)
		h.deployed(t, "ep", "c1", "m1", true)
		h.emu.FailEndpoint(emulator.EndpointFault{Outcome: emulator.RollbackUpdate, Endpoint: "ep", Reason: reason})
		res := h.x.Run(h.ctx, planned(t, createConfig("c2", "m1"), swapConfig("ep", "c2"), deleteConfig("c1")))
		want := []State{Done, Failed, Skipped}
		if !slices.Equal(states(res), want) {
			t.Fatalf("states %v, want %v", states(res), want)
		}
		var e *Error
		if !errors.As(res.Steps[1].Err, &e) || e.Kind != KindRolledBack || !strings.Contains(e.Error(), `"c1" is kept`) {
			t.Errorf("swap error = %v", res.Steps[1].Err)
		}
		if !h.configExists(t, "c1") || h.emu.Calls("DeleteEndpointConfig") != 0 {
			t.Error("the config still in use was deleted")
		}
		if res.OK() {
			t.Error("a rolled back apply reported success")
		}
	}
}

func TestApplyEndpointFailsToUpdate(t *testing.T) {
	h := newHarness(t)
	h.deployed(t, "ep", "c1", "m1", true)
	h.emu.FailEndpoint(emulator.EndpointFault{Outcome: emulator.FailUpdate, Endpoint: "ep", Reason: "new variants failed health checks"})
	res := h.x.Run(h.ctx, planned(t, createConfig("c2", "m1"), swapConfig("ep", "c2"), deleteConfig("c1")))
	if got := states(res); !slices.Equal(got, []State{Done, Failed, Skipped}) {
		t.Fatalf("states %v", got)
	}
	if !strings.Contains(res.Steps[1].Err.Error(), `Failed: FailureReason "new variants failed health checks"`) {
		t.Errorf("err = %v", res.Steps[1].Err)
	}
	if !h.configExists(t, "c1") {
		t.Error("the old config was deleted after a failed update")
	}
}

func TestApplyEndpointFailsToCreate(t *testing.T) {
	h := newHarness(t)
	h.emu.FailEndpoint(emulator.EndpointFault{Outcome: emulator.FailCreate, Endpoint: "ep"})
	res := h.x.Run(h.ctx, planned(t, createModel("m1"), createConfig("c1", "m1"), createEndpoint("ep", "c1"), createEndpoint("other", "c1")))
	if got := states(res); !slices.Equal(got, []State{Done, Done, Failed, Done}) {
		t.Fatalf("states %v (an independent endpoint must still deploy)", got)
	}
	var e *Error
	if !errors.As(res.Steps[2].Err, &e) || e.Kind != KindFailed || !strings.Contains(e.Error(), "did not pass the ping health check") {
		t.Errorf("error = %v, want Failed with its FailureReason", res.Steps[2].Err)
	}
}

func TestApplyFaults(t *testing.T) {
	tests := []struct {
		name   string
		inject func(*emulator.Server)
		op     string // the call the fault hits
		calls  int    // calls of op apply made
		served int    // requests of op the emulator received (calls + forced retries)
	}{
		{"stale reads after create", func(s *emulator.Server) {
			s.SetStaleReads(emulator.StaleReads{Op: "CreateEndpointConfig", Calls: 3})
		}, "DescribeEndpointConfig", 4, 4},
		{"throttling burst", func(s *emulator.Server) {
			s.Inject(emulator.Fault{Kind: emulator.Throttle, Op: "CreateEndpoint", Times: 3})
		}, "CreateEndpoint", 1, 4},
		{"500s", func(s *emulator.Server) {
			s.Inject(emulator.Fault{Kind: emulator.InternalError, Op: "CreateEndpointConfig", Times: 2})
		}, "CreateEndpointConfig", 1, 3},
		{"503s", func(s *emulator.Server) {
			s.Inject(emulator.Fault{Kind: emulator.Unavailable, Op: "CreateModel", Times: 1})
		}, "CreateModel", 1, 2},
		{"latency", func(s *emulator.Server) {
			s.Inject(emulator.Fault{Kind: emulator.Latency, Delay: 2 * time.Second})
		}, "CreateEndpoint", 1, 1},
	}
	steps := func() []Step {
		return planned(t, createModel("m1"), createConfig("c1", "m1"), createEndpoint("ep", "c1"))
	}
	base := newHarness(t)
	if res := base.x.Run(base.ctx, steps()); !res.OK() {
		t.Fatalf("without faults: %+v", res.Steps)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			tt.inject(h.emu)
			res := h.x.Run(h.ctx, steps())
			if !res.OK() {
				t.Fatalf("states %v: %+v", states(res), res.Steps)
			}
			// Every other call is made exactly as often as without the fault, in one attempt
			// (endpoint polls excepted: their number follows the time the fault adds).
			for _, c := range base.rec.Calls() {
				if c.Operation == tt.op || c.Operation == "DescribeEndpoint" {
					continue
				}
				want, _ := base.rec.Count(c.Operation)
				if got, attempts := h.rec.Count(c.Operation); got != want || attempts != got {
					t.Errorf("%s: %d calls in %d attempts, want %d in as many", c.Operation, got, attempts, want)
				}
			}
			calls, attempts := h.rec.Count(tt.op)
			if calls != tt.calls || attempts != tt.served || h.emu.Calls(tt.op) != tt.served {
				t.Errorf("%s: %d calls, %d attempts, emulator saw %d; want %d calls, %d requests",
					tt.op, calls, attempts, h.emu.Calls(tt.op), tt.calls, tt.served)
			}
			if s := h.describe(t, "ep").EndpointStatus; s != types.EndpointStatusInService {
				t.Errorf("endpoint %s", s)
			}
		})
	}
}

func TestApplyValidationErrorIsNotRetried(t *testing.T) {
	h := newHarness(t)
	res := h.x.Run(h.ctx, planned(t, createEndpoint("ep", "ghost")))
	if res.OK() || !strings.Contains(res.Steps[0].Err.Error(), "Could not find endpoint configuration") {
		t.Fatalf("result %+v", res.Steps)
	}
	if n := h.emu.Calls("CreateEndpoint"); n != 1 {
		t.Errorf("CreateEndpoint requests = %d, want 1 (no retry of a validation error)", n)
	}
}

func TestApplyNeverTouchesUnownedResources(t *testing.T) {
	h := newHarness(t)
	h.deployed(t, "theirs", "their-config", "their-model", false)
	h.deployed(t, "ours", "our-config", "our-model", true)
	if _, err := h.raw.CreateEndpointConfig(h.ctx, configInput("their-spare", "their-model")); err != nil {
		t.Fatal(err)
	}
	res := h.x.Run(h.ctx, planned(t,
		createConfig("new", "our-model"),
		swapConfig("theirs", "new"),
		deleteConfig("their-spare"),
		deleteConfig("our-config"), // in use by "ours": refused too
		deleteModel("their-model"),
	))
	if got := states(res); got[0] != Done || got[1] != Failed || slices.Contains(got[2:], Done) {
		t.Fatalf("states %v", got)
	}
	if !strings.Contains(res.Steps[1].Err.Error(), "not changed: it has no sagectl:managed-by tag") {
		t.Errorf("swap of an unowned endpoint: %v", res.Steps[1].Err)
	}
	for _, op := range []string{"UpdateEndpoint", "DeleteEndpointConfig", "DeleteModel"} {
		if n := h.emu.Calls(op); n != 0 {
			t.Errorf("%s was called %d times", op, n)
		}
	}
	// Run the deletes alone: each is refused by its own guard.
	res = h.x.Run(h.ctx, planned(t, deleteModel("their-model")))
	res.Steps = append(h.x.Run(h.ctx, planned(t, deleteConfig("their-spare"), deleteConfig("our-config"))).Steps, res.Steps...)
	for i, want := range []string{"has no sagectl:managed-by tag", `still used by endpoint "ours" (InService)`, "has no sagectl:managed-by tag"} {
		if res.Steps[i].State != Failed || !strings.Contains(res.Steps[i].Err.Error(), want) {
			t.Errorf("step %d: %s %v, want %q", i, res.Steps[i].State, res.Steps[i].Err, want)
		}
	}
	if !h.configExists(t, "their-spare") || !h.configExists(t, "our-config") || !h.modelExists(t, "their-model") {
		t.Error("a guarded resource was deleted")
	}
}

func TestApplyBusyEndpointIsNotTouched(t *testing.T) {
	h := newHarness(t)
	h.deployed(t, "ep", "c1", "m1", true)
	if _, err := h.raw.CreateEndpointConfig(h.ctx, configInput("c0", "m1")); err != nil {
		t.Fatal(err)
	}
	// Someone else's deployment is in progress.
	if _, err := h.raw.UpdateEndpoint(h.ctx, &sagemaker.UpdateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("c0")}); err != nil {
		t.Fatal(err)
	}
	res := h.x.Run(h.ctx, planned(t, createConfig("c2", "m1"), swapConfig("ep", "c2"), deleteConfig("c1")))
	if got := states(res); !slices.Equal(got, []State{Done, Failed, Skipped}) {
		t.Fatalf("states %v", got)
	}
	if !strings.Contains(res.Steps[1].Err.Error(), "it is Updating, not InService (another deployment is in progress)") {
		t.Errorf("err = %v", res.Steps[1].Err)
	}
	if n, _ := h.rec.Count("UpdateEndpoint"); n != 0 {
		t.Error("UpdateEndpoint was called on an Updating endpoint")
	}
}

func TestApplyInterruptStopsNewSteps(t *testing.T) {
	h := newHarness(t)
	ctx, cancel := context.WithCancel(h.ctx)
	h.x.Parallelism = 1
	// Cancel as soon as the first call is made: it must still finish, and nothing else start.
	h.x.API = &cancelOnCreate{API: h.x.API, cancel: cancel}
	res := h.x.Run(ctx, planned(t, createModel("m1"), createConfig("c1", "m1"), createEndpoint("ep", "c1")))
	if !res.Interrupted || res.OK() {
		t.Fatal("the run was not reported interrupted")
	}
	if got := states(res); got[1] != NotStarted || got[2] != NotStarted {
		t.Fatalf("states %v", got)
	}
	if !h.modelExists(t, "m1") {
		t.Error("the call in flight did not finish")
	}
	if h.emu.Calls("CreateEndpointConfig") != 0 {
		t.Error("a new step started after the interrupt")
	}
}

type cancelOnCreate struct {
	API
	cancel context.CancelFunc
}

func (c *cancelOnCreate) CreateModel(ctx context.Context, in *sagemaker.CreateModelInput, o ...func(*sagemaker.Options)) (*sagemaker.CreateModelOutput, error) {
	c.cancel()
	return c.API.CreateModel(ctx, in, o...)
}

// TestApplyCreateFoundFromAnEarlierAttempt: a create that finds its own result (same ownership
// and spec-hash tags, as after a 5xx answered a create the service performed) counts as
// done; the same name with another spec, or without our tag, is an error.
func TestApplyCreateFoundFromAnEarlierAttempt(t *testing.T) {
	tagged := func(hash string) []types.Tag {
		return []types.Tag{{Key: aws.String(ManagedByTag), Value: aws.String(ManagedByValue)}, {Key: aws.String(plan.TagSpecHash), Value: aws.String(hash)}}
	}
	tests := []struct {
		name     string
		existing []types.Tag
		ok       bool
	}{
		{"same spec, ours", tagged("h1"), true},
		{"other spec", tagged("h2"), false},
		{"not ours", []types.Tag{{Key: aws.String(plan.TagSpecHash), Value: aws.String("h1")}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			pre := configInput("c1", "m1")
			pre.Tags = tt.existing
			if _, err := h.raw.CreateModel(h.ctx, modelInput("m1")); err != nil {
				t.Fatal(err)
			}
			if _, err := h.raw.CreateEndpointConfig(h.ctx, pre); err != nil {
				t.Fatal(err)
			}
			s := createConfig("c1", "m1")
			s.Inputs[0].(*sagemaker.CreateEndpointConfigInput).Tags = tagged("h1")
			res := h.x.Run(h.ctx, planned(t, s))
			if res.OK() != tt.ok {
				t.Fatalf("ok = %v, want %v: %+v", res.OK(), tt.ok, res.Steps)
			}
			if !tt.ok && !strings.Contains(res.Steps[0].Err.Error(), "Cannot create already existing endpoint configuration") {
				t.Errorf("err = %v", res.Steps[0].Err)
			}
			// The same for an endpoint, which must also be on the config asked for.
			if _, err := h.raw.CreateEndpoint(h.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("ep"),
				EndpointConfigName: aws.String("c1"), Tags: tt.existing}); err != nil {
				t.Fatal(err)
			}
			for _, config := range []string{"c1", "c0"} {
				e := createEndpoint("ep", config)
				e.Inputs[0].(*sagemaker.CreateEndpointInput).Tags = tagged("h1")
				res = h.x.Run(h.ctx, planned(t, e))
				if want := tt.ok && config == "c1"; res.OK() != want {
					t.Errorf("endpoint on %s: ok = %v, want %v: %+v", config, res.OK(), want, res.Steps)
				}
			}
		})
	}
}

// TestApplyRecognisesItsCreateThroughStaleReads: a re-run inside the consistency window is
// told its earlier create "already exists" while reads still miss it; apply polls the
// describe through the window and takes its own create (ownership and spec-hash tags) for
// done, instead of failing with the raw "Cannot create already existing". A resource that
// stays unreadable past the read-after-write timeout is an error that says so.
func TestApplyRecognisesItsCreateThroughStaleReads(t *testing.T) {
	tagged := []types.Tag{{Key: aws.String(ManagedByTag), Value: aws.String(ManagedByValue)}, {Key: aws.String(plan.TagSpecHash), Value: aws.String("h1")}}
	for _, tt := range []struct {
		name  string
		stale emulator.StaleReads
		ok    bool
	}{
		{"three stale reads", emulator.StaleReads{Op: "CreateEndpointConfig", Calls: 3}, true},
		{"stale for a minute", emulator.StaleReads{Op: "CreateEndpointConfig", For: time.Minute}, true},
		{"stale past the window", emulator.StaleReads{Op: "CreateEndpointConfig", For: time.Hour}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			if _, err := h.raw.CreateModel(h.ctx, modelInput("m1")); err != nil {
				t.Fatal(err)
			}
			h.emu.SetStaleReads(tt.stale)
			earlier := configInput("c1", "m1")
			earlier.Tags = tagged
			if _, err := h.raw.CreateEndpointConfig(h.ctx, earlier); err != nil { // the first run's create
				t.Fatal(err)
			}
			s := createConfig("c1", "m1")
			s.Inputs[0].(*sagemaker.CreateEndpointConfigInput).Tags = tagged
			res := h.x.Run(h.ctx, planned(t, s))
			if res.OK() != tt.ok {
				t.Fatalf("ok = %v, want %v: %+v", res.OK(), tt.ok, res.Steps)
			}
			if tt.ok {
				return
			}
			if err := res.Steps[0].Err.Error(); !strings.Contains(err, `exists that is not this plan's earlier create (not readable within 2m0s`) || !strings.Contains(err, "run sagectl plan") {
				t.Errorf("err = %v", err)
			}
		})
	}
}

// TestApplyTagsOnlyOwnedOrAdopted: tag changes on a resource sagectl does not own are refused,
// unless the reviewed plan adopts it by adding the ownership tag, with sagectl's value.
func TestApplyTagsOnlyOwnedOrAdopted(t *testing.T) {
	h := newHarness(t)
	h.deployed(t, "theirs", "their-config", "their-model", false)
	arn := aws.ToString(h.describe(t, "theirs").EndpointArn)
	tag := func(k, v string) Step {
		return step(manifest.KindEndpoint, "theirs", "tag", &sagemaker.AddTagsInput{ResourceArn: aws.String(arn),
			Tags: []types.Tag{{Key: aws.String(k), Value: aws.String(v)}}})
	}
	res := h.x.Run(h.ctx, planned(t, tag("team", "v")))
	if res.OK() || !strings.Contains(res.Steps[0].Err.Error(), "not changed: it has no sagectl:managed-by tag") {
		t.Fatalf("tagging an unowned endpoint: %+v", res.Steps)
	}
	if res := h.x.Run(h.ctx, planned(t, tag(ManagedByTag, "someone"))); res.OK() || !strings.Contains(res.Steps[0].Err.Error(), "not adopted") {
		t.Fatalf("adopting with another owner's value: %+v", res.Steps)
	}
	if res := h.x.Run(h.ctx, planned(t, tag(ManagedByTag, ManagedByValue), tag("team", "v"))); !res.OK() {
		t.Fatalf("adopt, then tag: %+v", res.Steps)
	}
	tags, err := Tags(h.ctx, h.raw, arn)
	if err != nil || tags[ManagedByTag] != ManagedByValue || tags["team"] != "v" {
		t.Errorf("tags %v, %v", tags, err)
	}
}
