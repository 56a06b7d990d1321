package plan_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// TestBuildPlansAutoscaling: a new endpoint with a scalable target and a scaling policy
// plans the endpoint's create, then RegisterScalableTarget, then PutScalingPolicy, each
// after the one it needs, so apply registers only once the endpoint is InService.
func TestBuildPlansAutoscaling(t *testing.T) {
	src := `kind: Model
ModelName: m
PrimaryContainer: {Image: i}
ExecutionRoleArn: r
---
kind: EndpointConfig
EndpointConfigName: c
ProductionVariants: [{VariantName: v, ModelName: m, InstanceType: ml.m5.large, InitialInstanceCount: 1}]
---
kind: Endpoint
EndpointName: e
EndpointConfigName: c
---
kind: ScalableTarget
ServiceNamespace: sagemaker
ResourceId: endpoint/e/variant/v
ScalableDimension: sagemaker:variant:DesiredInstanceCount
MinCapacity: 1
MaxCapacity: 2
---
kind: ScalingPolicy
PolicyName: p
ServiceNamespace: sagemaker
ResourceId: endpoint/e/variant/v
ScalableDimension: sagemaker:variant:DesiredInstanceCount
PolicyType: TargetTrackingScaling
TargetTrackingScalingPolicyConfiguration: {TargetValue: 70, PredefinedMetricSpecification: {PredefinedMetricType: SageMakerVariantInvocationsPerInstance}}
`
	_, docs, _ := manifest.Parse("scaling.yaml", []byte(src))
	p, err := plan.Build(context.Background(), &manifest.Set{Docs: docs}, &live.Dir{}, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, a := range p.Actions {
		for _, c := range a.Calls {
			order = append(order, c.Operation)
		}
	}
	got := strings.Join(order, " ")
	want := "CreateModel CreateEndpointConfig CreateEndpoint RegisterScalableTarget PutScalingPolicy"
	if got != want {
		t.Errorf("calls = %s, want %s", got, want)
	}
}
