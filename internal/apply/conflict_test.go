package apply

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

// planFingerprint is what plan recorded of endpoint ep, now.
func (h *harness) planFingerprint(t *testing.T, ep string) plan.Fingerprints {
	t.Helper()
	return plan.Fingerprints{fingerprint(ep, h.describe(t, ep))}
}

// wantConflict asserts the only step failed as a conflict naming what moved.
func wantConflict(t *testing.T, res *Result, moved string) {
	t.Helper()
	o := res.Steps[0]
	var e *Error
	if o.State != Failed || !errors.As(o.Err, &e) || e.Kind != KindConflict {
		t.Fatalf("step %s: %s (%v), want a conflict", o.Step.String(), o.State, o.Err)
	}
	for _, w := range []string{"moved since the plan was made", moved, "run sagectl plan again"} {
		if !strings.Contains(e.Error(), w) {
			t.Errorf("conflict %q does not say %q", e, w)
		}
	}
}

// An endpoint swapped by someone else between plan and step is not swapped again.
func TestConflictEndpointMovedBeforeSwap(t *testing.T) {
	h := newHarness(t)
	h.deployed(t, "ep", "c1", "m", true)
	for _, c := range []string{"c2", "c3"} {
		ci := configInput(c, "m")
		ci.Tags = h.x.withOwnership(nil)
		if _, err := h.raw.CreateEndpointConfig(h.ctx, ci); err != nil {
			t.Fatal(err)
		}
	}
	h.x.Expect = ExpectPlan(h.planFingerprint(t, "ep"))
	// Another apply moves ep to c2 after the plan.
	if _, err := h.raw.UpdateEndpoint(h.ctx, &sagemaker.UpdateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("c2")}); err != nil {
		t.Fatal(err)
	}
	h.clock.Advance(11 * time.Minute)
	h.emu.ResetCalls()
	res := h.x.Run(h.ctx, planned(t, swapConfig("ep", "c3")))
	wantConflict(t, res, `EndpointConfigName was "c1", now "c2"`)
	if n := h.emu.Calls("UpdateEndpoint"); n != 0 {
		t.Errorf("UpdateEndpoint called %d times on a moved endpoint", n)
	}
	if got := aws.ToString(h.describe(t, "ep").EndpointConfigName); got != "c2" {
		t.Errorf("ep serves %s, want c2: the other deployment must stand", got)
	}
}

// An endpoint created by someone else since the plan (which found none) is not created.
func TestConflictEndpointCreatedMeanwhile(t *testing.T) {
	h := createdAfterPlan(t)
	h.emu.ResetCalls()
	res := h.x.Run(h.ctx, planned(t, createEndpoint("ep", "c1")))
	wantConflict(t, res, "was created since the plan")
	if n := h.emu.Calls("CreateEndpoint"); n != 0 {
		t.Errorf("CreateEndpoint called %d times", n)
	}
}

// An endpoint that is Updating (someone else's deployment) or whose LastModifiedTime
// advanced is not deleted.
func TestConflictEndpointModifiedBeforeDelete(t *testing.T) {
	h := newHarness(t)
	h.deployed(t, "ep", "c1", "m", true)
	h.x.Expect = ExpectPlan(h.planFingerprint(t, "ep"))
	if _, err := h.raw.UpdateEndpoint(h.ctx, &sagemaker.UpdateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("c1")}); err != nil {
		t.Fatal(err)
	}
	h.clock.Advance(11 * time.Minute)
	h.emu.ResetCalls()
	res := h.x.Run(h.ctx, planned(t, step(manifest.KindEndpoint, "ep", "delete", &sagemaker.DeleteEndpointInput{EndpointName: aws.String("ep")})))
	wantConflict(t, res, "LastModifiedTime was")
	if n := h.emu.Calls("DeleteEndpoint"); n != 0 {
		t.Errorf("DeleteEndpoint called %d times on a moved endpoint", n)
	}
}

// Within one apply, each change expects what the previous one left: create then swap passes.
func TestConflictFollowsOwnChanges(t *testing.T) {
	h := newHarness(t)
	h.x.Expect = ExpectPlan(plan.Fingerprints{{Kind: manifest.KindEndpoint, Name: "ep"}})
	steps := planned(t, createModel("m"), createConfig("c1", "m"), createConfig("c2", "m"), createEndpoint("ep", "c1"), swapConfig("ep", "c2"))
	res := h.x.Run(h.ctx, steps)
	if !res.OK() {
		t.Fatalf("own changes read as conflicts: %v", states(res))
	}
	if got := aws.ToString(h.describe(t, "ep").EndpointConfigName); got != "c2" {
		t.Errorf("ep serves %s, want c2", got)
	}
}

// createdAfterPlan is a harness whose plan found no endpoint ep, which another apply then
// created on c1 (model m1), next to endpoint other.
func createdAfterPlan(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	h.deployed(t, "other", "c1", "m1", true)
	h.x.Expect = ExpectPlan(plan.Fingerprints{{Kind: manifest.KindEndpoint, Name: "ep"}})
	if _, err := h.raw.CreateEndpoint(h.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("c1"),
		Tags: h.x.withOwnership(nil)}); err != nil {
		t.Fatal(err)
	}
	h.clock.Advance(11 * time.Minute)
	return h
}
