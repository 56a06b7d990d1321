// Package emulatortest puts a --live-dir snapshot into the SageMaker emulator, through the
// API, for tests that plan or apply against it: the one seeding helper plan/ and apply/
// tests share.
package emulatortest

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// Seeder creates a snapshot's resources in an emulator.
type Seeder struct {
	// Client calls the emulator.
	Client *sagemaker.Client
	// Settle returns once the named endpoints finished their transition: a fake clock
	// advances, a real one is waited out.
	Settle func(t testing.TB, endpoints []string)
	// Fail makes the creation of an endpoint fail with reason (for a snapshot's Failed
	// endpoints); nil when no snapshot seeded has one.
	Fail func(endpoint, reason string)
	// Autoscaling calls the emulator's Application Auto Scaling, for snapshots with
	// scalable targets, scaling policies or scheduled actions; nil when none has them.
	Autoscaling *aas.Client
}

// Seed creates every resource of d with its tags, models first and endpoints last; then
// gives each endpoint the snapshot's desired weights and counts, and its status (InService,
// Failed, or Updating: the same weights again, not settled).
func (s Seeder) Seed(t testing.TB, d *live.Dir) {
	t.Helper()
	ctx := context.Background()
	for _, r := range read(t, d, manifest.KindModel) {
		in := &sagemaker.CreateModelInput{}
		decodeInto(t, r, in)
		if _, err := s.Client.CreateModel(ctx, in); err != nil {
			t.Fatalf("seeding model %s: %v", r.Name, err)
		}
	}
	for _, r := range read(t, d, manifest.KindEndpointConfig) {
		in := &sagemaker.CreateEndpointConfigInput{}
		decodeInto(t, r, in)
		if _, err := s.Client.CreateEndpointConfig(ctx, in); err != nil {
			t.Fatalf("seeding endpoint config %s: %v", r.Name, err)
		}
	}
	endpoints := read(t, d, manifest.KindEndpoint)
	var names, serving []string
	for _, r := range endpoints {
		if r.Str("EndpointStatus") == "Failed" && s.Fail != nil {
			s.Fail(r.Name, r.Str("FailureReason"))
		}
		in := &sagemaker.CreateEndpointInput{EndpointName: aws.String(r.Name), EndpointConfigName: aws.String(r.Str("EndpointConfigName")), Tags: tags(r)}
		if _, err := s.Client.CreateEndpoint(ctx, in); err != nil {
			t.Fatalf("seeding endpoint %s: %v", r.Name, err)
		}
		names = append(names, r.Name)
	}
	s.Settle(t, names)
	for _, r := range endpoints {
		if want := desired(r); len(want) > 0 && r.Str("EndpointStatus") != "Failed" {
			s.shift(t, r.Name, want)
			serving = append(serving, r.Name)
		}
	}
	s.Settle(t, serving)
	for _, r := range endpoints {
		if r.Str("EndpointStatus") != "Updating" {
			continue
		}
		out, err := s.Client.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: aws.String(r.Name)})
		if err != nil {
			t.Fatal(err)
		}
		var same []types.DesiredWeightAndCapacity
		for _, v := range out.ProductionVariants {
			same = append(same, types.DesiredWeightAndCapacity{VariantName: v.VariantName, DesiredWeight: v.DesiredWeight})
		}
		s.shift(t, r.Name, same)
	}
	s.seedComponents(t, d) // inference_components.go: before a copy-count target needs them
	s.seedAutoscaling(t, d)
}

// seedAutoscaling registers the snapshot's scalable targets with their tags, then puts
// their policies and scheduled actions.
func (s Seeder) seedAutoscaling(t testing.TB, d *live.Dir) {
	t.Helper()
	ctx := context.Background()
	targets := read(t, d, manifest.KindScalableTarget)
	policies := read(t, d, manifest.KindScalingPolicy)
	actions := read(t, d, manifest.KindScheduledAction)
	if len(targets)+len(policies)+len(actions) == 0 {
		return
	}
	if s.Autoscaling == nil {
		t.Fatal("the snapshot has autoscaling resources: give the Seeder an Autoscaling client")
	}
	for _, r := range targets {
		in := &aas.RegisterScalableTargetInput{}
		decodeInto(t, r, in)
		if _, err := s.Autoscaling.RegisterScalableTarget(ctx, in); err != nil {
			t.Fatalf("seeding scalable target %s: %v", r.Name, err)
		}
	}
	for _, r := range policies {
		in := &aas.PutScalingPolicyInput{}
		decodeInto(t, r, in)
		if _, err := s.Autoscaling.PutScalingPolicy(ctx, in); err != nil {
			t.Fatalf("seeding scaling policy %s: %v", r.Name, err)
		}
	}
	for _, r := range actions {
		in := &aas.PutScheduledActionInput{}
		decodeInto(t, r, in)
		if _, err := s.Autoscaling.PutScheduledAction(ctx, in); err != nil {
			t.Fatalf("seeding scheduled action %s: %v", r.Name, err)
		}
	}
}

// shift asks for an endpoint's weights and counts.
func (s Seeder) shift(t testing.TB, name string, want []types.DesiredWeightAndCapacity) {
	t.Helper()
	if _, err := s.Client.UpdateEndpointWeightsAndCapacities(context.Background(), &sagemaker.UpdateEndpointWeightsAndCapacitiesInput{
		EndpointName: aws.String(name), DesiredWeightsAndCapacities: want}); err != nil {
		t.Fatalf("seeding the weights of endpoint %s: %v", name, err)
	}
}

// desired is an endpoint's desired weights and counts, as its snapshot describes them.
func desired(r *live.Resource) []types.DesiredWeightAndCapacity {
	var want []types.DesiredWeightAndCapacity
	vs, _ := r.Body["ProductionVariants"].([]any)
	for _, v := range vs {
		m, _ := v.(map[string]any)
		name, _ := m["VariantName"].(string)
		dw := types.DesiredWeightAndCapacity{VariantName: aws.String(name)}
		if w, ok := m["DesiredWeight"].(json.Number); ok {
			f, _ := w.Float64()
			dw.DesiredWeight = aws.Float32(float32(f))
		}
		if c, ok := m["DesiredInstanceCount"].(json.Number); ok {
			n, _ := c.Int64()
			dw.DesiredInstanceCount = aws.Int32(int32(n))
		}
		want = append(want, dw)
	}
	return want
}

// read returns every resource of kind k in d.
func read(t testing.TB, d *live.Dir, k manifest.Kind) []*live.Resource {
	t.Helper()
	ctx := context.Background()
	names, err := d.List(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	var out []*live.Resource
	for _, n := range names {
		r, err := d.Read(ctx, k, n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// decodeInto fills an SDK create input from a describe body (unknown members ignored) and
// the resource's tags.
func decodeInto(t testing.TB, r *live.Resource, in any) {
	t.Helper()
	decodeValue(t, r, r.Body, in)
	switch in := in.(type) {
	case *sagemaker.CreateModelInput:
		in.Tags = tags(r)
	case *sagemaker.CreateEndpointConfigInput:
		in.Tags = tags(r)
	case *aas.RegisterScalableTargetInput:
		in.Tags = r.Tags
	}
}

// tags is the resource's tags as the API's list.
func tags(r *live.Resource) []types.Tag {
	var out []types.Tag
	for k, v := range r.Tags {
		out = append(out, types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}

// decodeValue fills out from a part v of r's describe body (unknown members ignored).
func decodeValue(t testing.TB, r *live.Resource, v, out any) {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatalf("%s %s: %v", r.Kind, r.Name, err)
	}
}
