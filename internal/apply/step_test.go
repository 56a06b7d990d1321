package apply

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

// TestStepsFollowThePlan: steps depend on what the saved plan says, by step index, and a
// dependency on a no-op (which is not a step) is met.
func TestStepsFollowThePlan(t *testing.T) {
	call := func(op, input string) plan.Call {
		var c plan.Call
		if err := json.Unmarshal(fmt.Appendf(nil, `{"operation": %q, "input": %s}`, op, input), &c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	p := &plan.Saved{Actions: []plan.SavedAction{
		{ID: 1, Kind: plan.Create, Resource: manifest.KindModel, PhysicalName: "m", Calls: []plan.Call{call("CreateModel", `{"ModelName": "m"}`)}},
		{ID: 2, Kind: plan.NoOp, Resource: manifest.KindModel, PhysicalName: "same"},
		{ID: 3, Kind: plan.Delete, Resource: manifest.KindModel, PhysicalName: "old", DependsOn: []int{1, 2},
			Calls: []plan.Call{call("DeleteModel", `{"ModelName": "old"}`)}},
	}}
	steps := Steps(p)
	if len(steps) != 2 || len(steps[0].After) != 0 || !slices.Equal(steps[1].After, []int{0}) {
		t.Fatalf("steps %+v; want the delete after the create only", steps)
	}
	if in, ok := steps[1].Inputs[0].(*sagemaker.DeleteModelInput); !ok || aws.ToString(in.ModelName) != "old" {
		t.Errorf("delete step input %#v", steps[1].Inputs[0])
	}
}

func TestRunSkipsDependentsOfBlockedSteps(t *testing.T) {
	h := newHarness(t)
	blocked := createConfig("c", "m")
	blocked.Blocked = "endpoint is Updating: apply will refuse"
	res := h.x.Run(h.ctx, planned(t, createModel("m"), blocked, createEndpoint("ep", "c"), createEndpoint("other", "pre")))
	if got := states(res); !slices.Equal(got, []State{Done, Failed, Skipped, Failed}) {
		t.Fatalf("states %v", got)
	}
	if !strings.Contains(res.Steps[1].Err.Error(), "not touched: endpoint is Updating") {
		t.Errorf("blocked step: %v", res.Steps[1].Err)
	}
	if !strings.Contains(res.Steps[2].Err.Error(), `it needs "create EndpointConfig c", which failed`) {
		t.Errorf("dependent: %v", res.Steps[2].Err)
	}
	if n, _ := h.rec.Count("CreateEndpointConfig"); n != 0 {
		t.Error("a blocked step made calls")
	}
}

// TestHardStopStartsNothingNew: after UpdateRollbackFailed no further step starts, even one
// that does not depend on the failed endpoint.
func TestHardStopStartsNothingNew(t *testing.T) {
	api, clock := newFakeAPI(), newFakeClock()
	api.setOwned("arn:endpoint/ep", true)
	seen := map[string]int{}
	api.onDescribeEndpoint = func(name string, _ int) (*sagemaker.DescribeEndpointOutput, error) {
		seen[name]++
		s := types.EndpointStatusInService
		if seen[name] > 1 {
			s = types.EndpointStatusUpdateRollbackFailed
		}
		return &sagemaker.DescribeEndpointOutput{EndpointName: aws.String(name), EndpointArn: aws.String("arn:endpoint/" + name),
			EndpointConfigName: aws.String("old"), EndpointStatus: s}, nil
	}
	x := New(api, clock, nil, Options{Parallelism: 1})
	res := x.Run(context.Background(), planned(t, swapConfig("ep", "new"), swapConfig("other", "new")))
	if got := states(res); !slices.Equal(got, []State{Failed, NotStarted}) {
		t.Fatalf("states %v: %+v", got, res.Steps)
	}
	if err := res.Steps[1].Err; err == nil || !strings.Contains(err.Error(), `apply stopped after endpoint "ep" went UpdateRollbackFailed`) {
		t.Errorf("not started because: %v", err)
	}
	if api.count("UpdateEndpoint") != 1 {
		t.Errorf("UpdateEndpoint calls = %d, want 1", api.count("UpdateEndpoint"))
	}
}

func TestUnknownInputIsRefused(t *testing.T) {
	h := newHarness(t)
	res := h.x.Run(h.ctx, []Step{step(manifest.KindModel, "m", "create", &sagemaker.ListModelsInput{})})
	if res.OK() || !strings.Contains(res.Steps[0].Err.Error(), "apply cannot run a *sagemaker.ListModelsInput call") {
		t.Fatalf("%+v", res.Steps)
	}
}

func TestVerifyWeights(t *testing.T) {
	after := &sagemaker.DescribeEndpointOutput{EndpointName: aws.String("ep"), ProductionVariants: []types.ProductionVariantSummary{
		{VariantName: aws.String("a"), DesiredWeight: aws.Float32(0.3), DesiredInstanceCount: aws.Int32(2)},
	}}
	tests := []struct {
		want types.DesiredWeightAndCapacity
		ok   bool
	}{
		{types.DesiredWeightAndCapacity{VariantName: aws.String("a"), DesiredWeight: aws.Float32(0.30001)}, true},
		{types.DesiredWeightAndCapacity{VariantName: aws.String("a"), DesiredInstanceCount: aws.Int32(2)}, true},
		{types.DesiredWeightAndCapacity{VariantName: aws.String("a"), DesiredWeight: aws.Float32(0.5)}, false},
		{types.DesiredWeightAndCapacity{VariantName: aws.String("a"), DesiredInstanceCount: aws.Int32(3)}, false},
		{types.DesiredWeightAndCapacity{VariantName: aws.String("gone"), DesiredWeight: aws.Float32(1)}, false},
	}
	for i, tt := range tests {
		err := verifyWeights(after, []types.DesiredWeightAndCapacity{tt.want})
		var e *Error
		if (err == nil) != tt.ok || (err != nil && (!errors.As(err, &e) || e.Kind != KindRolledBack)) {
			t.Errorf("case %d: err = %v, want ok %v", i, err, tt.ok)
		}
	}
}

func TestWithOwnershipKeepsExistingTag(t *testing.T) {
	x := New(newFakeAPI(), newFakeClock(), nil, Options{})
	tags := x.withOwnership([]types.Tag{{Key: aws.String("team"), Value: aws.String("x")}})
	if len(tags) != 2 || aws.ToString(tags[1].Key) != ManagedByTag {
		t.Fatalf("tags %+v", tags)
	}
	if again := x.withOwnership(tags); len(again) != 2 {
		t.Errorf("ownership tag added twice: %+v", again)
	}
	x = New(newFakeAPI(), newFakeClock(), nil, Options{Project: "fraud"})
	tags = x.withOwnership(tags)
	if len(tags) != 3 || aws.ToString(tags[2].Key) != plan.TagProject || aws.ToString(tags[2].Value) != "fraud" {
		t.Fatalf("with a project: tags %+v", tags)
	}
	if again := x.withOwnership(tags); len(again) != 3 {
		t.Errorf("project tag added twice: %+v", again)
	}
}

func TestWriteSummary(t *testing.T) {
	res := &Result{Steps: []Outcome{
		{Step: createModel("m"), State: Done},
		{Step: createConfig("c", "m"), State: Failed, Err: fmt.Errorf("boom")},
		{Step: createEndpoint("ep", "c"), State: Skipped, Err: fmt.Errorf("not run")},
	}}
	calls := []CallRecord{{Operation: "CreateModel", Target: "m", Attempts: 1}, {Operation: "CreateEndpointConfig", Target: "c", Attempts: 3, Err: fmt.Errorf("throttled\nmore")},
		{Operation: "DescribeModel", Target: "m", Attempts: 1, Err: notFound("model")},
		{Operation: "CreateEndpoint", Target: "e", Attempts: 1, Err: fmt.Errorf("wrapped: %w", &smithy.GenericAPIError{Code: "ValidationException", Message: "bad"})}}
	var b strings.Builder
	WriteSummary(&b, res, calls)
	for _, want := range []string{"Apply failed: 1 done, 1 failed, 1 skipped.", "failed      create EndpointConfig c: boom",
		"skipped     create Endpoint ep: not run", "SageMaker calls (4):", "CreateEndpointConfig  c", "3 attempts  error: throttled\n",
		"DescribeModel         m  0s              not found\n", "ValidationException: bad\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	WriteSummary(&b, &Result{Steps: res.Steps[:1]}, nil)
	if !strings.Contains(b.String(), "Apply complete: 1 done.") || strings.Contains(b.String(), "Nothing is hidden") {
		t.Errorf("success summary:\n%s", b.String())
	}
}

func TestRunNothing(t *testing.T) {
	res := (&Executor{Parallelism: 1}).Run(context.Background(), nil)
	if !res.OK() || len(res.Steps) != 0 {
		t.Errorf("%+v", res)
	}
}
