package apply

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

// TestGuardProjects: with a project, the guard deletes only what carries the project's tag,
// whatever the plan says: another project's model and a legacy one are refused.
func TestGuardProjects(t *testing.T) {
	for _, tt := range []struct {
		name, project, tag string // tag: the model's sagectl:project ("" = none)
		refused            string
	}{
		{"ours", "fraud", "fraud", ""},
		{"another project's", "fraud", "billing", `belongs to project "billing" (tag sagectl:project), not to this project "fraud"`},
		{"legacy, with a project", "fraud", "", "created by sagectl before projects"},
		{"legacy, no project", "", "", ""},
		{"a project's, no project", "", "fraud", `belongs to project "fraud" (tag sagectl:project) and this plan has no project`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI()
			api.addModel("m", true)
			if tt.tag != "" {
				api.tags["arn:model/m"][plan.TagProject] = tt.tag
			}
			err := (&Guard{API: api, Project: tt.project}).DeleteModel(context.Background(), "m")
			_, exists := api.models["m"]
			if tt.refused == "" {
				if err != nil || exists {
					t.Fatalf("err = %v, still there = %v", err, exists)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Kind != KindNotOwned || !strings.Contains(err.Error(), tt.refused) || !exists {
				t.Fatalf("err = %v, want %s containing %q; still there = %v", err, KindNotOwned, tt.refused, exists)
			}
		})
	}
}

// TestApplyAdoptionIsScoped runs adoption AddTags against the emulator: a legacy endpoint
// is adopted into the project, another project's endpoint is not, and a plan tagging a
// resource for a project other than its own is refused.
func TestApplyAdoptionIsScoped(t *testing.T) {
	h := newHarness(t)
	h.deployed(t, "legacy", "legacy-config", "legacy-model", true)
	h.deployed(t, "billing", "billing-config", "billing-model", true)
	arn := func(ep string) string { return aws.ToString(h.describe(t, ep).EndpointArn) }
	if _, err := h.raw.AddTags(h.ctx, &sagemaker.AddTagsInput{ResourceArn: aws.String(arn("billing")),
		Tags: []types.Tag{{Key: aws.String(plan.TagProject), Value: aws.String("billing")}}}); err != nil {
		t.Fatal(err)
	}
	x := New(h.x.API, h.clock, nil, Options{Parallelism: 2, Project: "fraud"})
	adopt := func(ep, project string) Step {
		return step(manifest.KindEndpoint, ep, "tag", &sagemaker.AddTagsInput{ResourceArn: aws.String(arn(ep)),
			Tags: []types.Tag{{Key: aws.String(plan.TagProject), Value: aws.String(project)}}})
	}
	if res := x.Run(h.ctx, planned(t, adopt("billing", "fraud"))); res.OK() || !strings.Contains(res.Steps[0].Err.Error(), `not adopted: it belongs to project "billing"`) {
		t.Fatalf("adopting billing's endpoint: %+v", res.Steps)
	}
	if res := x.Run(h.ctx, planned(t, adopt("legacy", "other"))); res.OK() || !strings.Contains(res.Steps[0].Err.Error(), `this plan's project is "fraud"`) {
		t.Fatalf("tagging for another project: %+v", res.Steps)
	}
	if res := x.Run(h.ctx, planned(t, adopt("legacy", "fraud"))); !res.OK() {
		t.Fatalf("adopting the legacy endpoint: %+v", res.Steps)
	}
	tags, err := Tags(h.ctx, h.raw, arn("billing"))
	if err != nil || tags[plan.TagProject] != "billing" {
		t.Errorf("billing's tags %v, %v", tags, err)
	}
	if tags, err := Tags(h.ctx, h.raw, arn("legacy")); err != nil || tags[plan.TagProject] != "fraud" {
		t.Errorf("legacy's tags %v, %v", tags, err)
	}
	// Adopted, it may be changed; billing's may not.
	swap := func(ep string) Step {
		return step(manifest.KindEndpoint, ep, "tag", &sagemaker.AddTagsInput{ResourceArn: aws.String(arn(ep)),
			Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("x")}}})
	}
	if res := x.Run(h.ctx, planned(t, swap("legacy"))); !res.OK() {
		t.Errorf("tagging the adopted endpoint: %+v", res.Steps)
	}
	if res := x.Run(h.ctx, planned(t, swap("billing"))); res.OK() {
		t.Errorf("tagging billing's endpoint succeeded")
	}
}
