package plan_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// TestCreatesForABlockedSwapAreBlocked: the endpoint is Updating, so its swap is blocked;
// the config and model created only for that swap are blocked too, instead of being
// created and left unused when apply refuses the swap.
func TestCreatesForABlockedSwapAreBlocked(t *testing.T) {
	lv := memReader{}
	own := map[string]string{plan.TagManagedBy: plan.ManagedByValue, plan.TagLogicalID: "c"}
	lv.add(&live.Resource{Kind: manifest.KindEndpointConfig, Name: "c-old", ARN: "arn:c-old", Tags: own,
		Body: map[string]any{"EndpointConfigName": "c-old", "ProductionVariants": []any{map[string]any{"VariantName": "a", "ModelName": "m-old", "InstanceType": "ml.m5.xlarge"}}}})
	lv.add(&live.Resource{Kind: manifest.KindEndpoint, Name: "e", ARN: "arn:e", Tags: map[string]string{plan.TagManagedBy: plan.ManagedByValue},
		Body: map[string]any{"EndpointName": "e", "EndpointConfigName": "c-old", "EndpointStatus": "Updating"}})
	_, docs, fs := manifest.Parse("m.yaml", []byte(`kind: Model
ModelName: m
PrimaryContainer: {Image: img}
---
kind: EndpointConfig
EndpointConfigName: c
ProductionVariants:
  - {VariantName: a, ModelName: m, InstanceType: ml.m5.2xlarge, InitialInstanceCount: 1}
---
kind: Endpoint
EndpointName: e
EndpointConfigName: c
`))
	if len(fs) > 0 {
		t.Fatal(fs)
	}
	p, err := plan.Build(context.Background(), &manifest.Set{Docs: docs}, lv, plan.Options{Naming: plan.Hashed})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range p.Actions {
		if a.Kind == plan.Create && (a.Blocked == "" || !strings.Contains(a.Blocked, "apply will refuse that change")) {
			t.Errorf("%s %s is created for a blocked swap: blocked %q", a.Resource, a.PhysicalName, a.Blocked)
		}
	}
	if p.Summary.Blocked < 3 {
		t.Errorf("summary %+v: want the swap, the config and the model blocked", p.Summary)
	}
	// The same manifests against an InService endpoint: nothing is blocked.
	ep := lv[string(manifest.KindEndpoint)+"/e"]
	ep.Body["EndpointStatus"] = "InService"
	p, _ = plan.Build(context.Background(), &manifest.Set{Docs: docs}, lv, plan.Options{Naming: plan.Hashed})
	if p.Summary.Blocked != 0 {
		t.Errorf("InService endpoint: %d blocked", p.Summary.Blocked)
	}
	// An endpoint sagectl does not manage: apply refuses its swap, so the plan blocks it and
	// creates nothing for it (a create that later failed on it was left orphaned).
	ep.Tags = map[string]string{"team": "other"}
	p, _ = plan.Build(context.Background(), &manifest.Set{Docs: docs}, lv, plan.Options{Naming: plan.Hashed})
	for _, a := range p.Actions {
		if a.Kind != plan.NoOp && a.Kind != plan.Delete && a.Blocked == "" {
			t.Errorf("unowned endpoint: %s %s %s is not blocked", a.Kind, a.Resource, a.PhysicalName)
		}
		if a.Resource == manifest.KindEndpoint && !strings.Contains(a.Blocked, "has no sagectl:managed-by tag") {
			t.Errorf("unowned endpoint's swap: blocked %q", a.Blocked)
		}
	}
}
