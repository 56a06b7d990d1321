package plan_test

import (
	"slices"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

func TestSelectDependencies(t *testing.T) {
	src := `kind: Model
ModelName: a
---
kind: Model
ModelName: shadow
---
kind: Model
ModelName: other
---
kind: EndpointConfig
EndpointConfigName: c
ProductionVariants: [{VariantName: v, ModelName: A}]
ShadowProductionVariants: [{VariantName: s, ModelName: shadow}]
---
kind: Endpoint
EndpointName: e
EndpointConfigName: c
---
kind: ScalableTarget
ServiceNamespace: sagemaker
ResourceId: endpoint/e/variant/v
ScalableDimension: sagemaker:variant:DesiredInstanceCount
---
kind: ScalingPolicy
PolicyName: p
ResourceId: endpoint/e/variant/v
---
kind: Endpoint
EndpointName: unrelated
EndpointConfigName: nope
---
kind: InferenceComponent
InferenceComponentName: chat
EndpointName: e
VariantName: v
Specification: {ModelName: other}
---
kind: InferenceComponent
InferenceComponentName: adapter
EndpointName: e
BaseInferenceComponentName: chat
---
kind: ScalableTarget
ServiceNamespace: sagemaker
ResourceId: inference-component/adapter
ScalableDimension: sagemaker:inference-component:DesiredCopyCount
`
	_, docs, fs := manifest.Parse("m.yaml", []byte(src))
	if len(fs) > 0 {
		t.Fatal(fs)
	}
	set := &manifest.Set{Docs: docs}
	names := func(s *manifest.Set) []string {
		var out []string
		for _, d := range s.Docs {
			out = append(out, string(d.Kind)+"/"+d.Name())
		}
		return out
	}
	for target, want := range map[string][]string{
		"ScalingPolicy/p":    {"Model/a", "Model/shadow", "EndpointConfig/c", "Endpoint/e", "ScalableTarget/endpoint/e/variant/v", "ScalingPolicy/p"},
		"Endpoint/E":         {"Model/a", "Model/shadow", "EndpointConfig/c", "Endpoint/e"},
		"Endpoint/unrelated": {"Endpoint/unrelated"},
		"ScalableTarget/inference-component/adapter": {"Model/a", "Model/shadow", "Model/other", "EndpointConfig/c", "Endpoint/e",
			"InferenceComponent/chat", "InferenceComponent/adapter", "ScalableTarget/inference-component/adapter"},
	} {
		got, err := plan.Select(set, []string{target})
		if err != nil || !slices.Equal(names(got), want) {
			t.Errorf("Select(%s) = %v, %v; want %v", target, names(got), err, want)
		}
	}
	if got, _ := plan.Select(set, nil); got != set {
		t.Error("no targets must keep the set")
	}
}
