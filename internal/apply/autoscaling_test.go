package apply

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	aastypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"
)

// fakeAutoscaling keeps targets by ResourceId with their tags, and logs calls.
type fakeAutoscaling struct {
	targets map[string]*aastypes.ScalableTarget
	tags    map[string]map[string]string // by ARN
	log     []string
}

func (f *fakeAutoscaling) RegisterScalableTarget(_ context.Context, in *aas.RegisterScalableTargetInput, _ ...func(*aas.Options)) (*aas.RegisterScalableTargetOutput, error) {
	id := aws.ToString(in.ResourceId)
	f.log = append(f.log, "RegisterScalableTarget "+id)
	t := f.targets[id]
	if t == nil {
		arn := "arn:target/" + id
		t = &aastypes.ScalableTarget{ResourceId: in.ResourceId, ScalableTargetARN: &arn}
		f.targets[id] = t
		f.tags[arn] = in.Tags
	}
	t.MinCapacity, t.MaxCapacity = in.MinCapacity, in.MaxCapacity
	return &aas.RegisterScalableTargetOutput{ScalableTargetARN: t.ScalableTargetARN}, nil
}

func (f *fakeAutoscaling) DeregisterScalableTarget(_ context.Context, in *aas.DeregisterScalableTargetInput, _ ...func(*aas.Options)) (*aas.DeregisterScalableTargetOutput, error) {
	f.log = append(f.log, "DeregisterScalableTarget "+aws.ToString(in.ResourceId))
	delete(f.targets, aws.ToString(in.ResourceId))
	return &aas.DeregisterScalableTargetOutput{}, nil
}

func (f *fakeAutoscaling) DescribeScalableTargets(_ context.Context, in *aas.DescribeScalableTargetsInput, _ ...func(*aas.Options)) (*aas.DescribeScalableTargetsOutput, error) {
	out := &aas.DescribeScalableTargetsOutput{}
	if t := f.targets[in.ResourceIds[0]]; t != nil {
		out.ScalableTargets = []aastypes.ScalableTarget{*t}
	}
	return out, nil
}

func (f *fakeAutoscaling) PutScalingPolicy(_ context.Context, in *aas.PutScalingPolicyInput, _ ...func(*aas.Options)) (*aas.PutScalingPolicyOutput, error) {
	f.log = append(f.log, "PutScalingPolicy "+aws.ToString(in.PolicyName))
	return &aas.PutScalingPolicyOutput{}, nil
}

func (f *fakeAutoscaling) DeleteScalingPolicy(_ context.Context, in *aas.DeleteScalingPolicyInput, _ ...func(*aas.Options)) (*aas.DeleteScalingPolicyOutput, error) {
	f.log = append(f.log, "DeleteScalingPolicy "+aws.ToString(in.PolicyName))
	return &aas.DeleteScalingPolicyOutput{}, nil
}

func (f *fakeAutoscaling) PutScheduledAction(_ context.Context, in *aas.PutScheduledActionInput, _ ...func(*aas.Options)) (*aas.PutScheduledActionOutput, error) {
	f.log = append(f.log, "PutScheduledAction "+aws.ToString(in.ScheduledActionName))
	return &aas.PutScheduledActionOutput{}, nil
}

func (f *fakeAutoscaling) DeleteScheduledAction(_ context.Context, in *aas.DeleteScheduledActionInput, _ ...func(*aas.Options)) (*aas.DeleteScheduledActionOutput, error) {
	f.log = append(f.log, "DeleteScheduledAction "+aws.ToString(in.ScheduledActionName))
	return &aas.DeleteScheduledActionOutput{}, nil
}

func (f *fakeAutoscaling) TagResource(_ context.Context, in *aas.TagResourceInput, _ ...func(*aas.Options)) (*aas.TagResourceOutput, error) {
	f.log = append(f.log, "TagResource "+aws.ToString(in.ResourceARN))
	for k, v := range in.Tags {
		f.tags[aws.ToString(in.ResourceARN)][k] = v
	}
	return &aas.TagResourceOutput{}, nil
}

func (f *fakeAutoscaling) UntagResource(_ context.Context, in *aas.UntagResourceInput, _ ...func(*aas.Options)) (*aas.UntagResourceOutput, error) {
	f.log = append(f.log, "UntagResource "+aws.ToString(in.ResourceARN))
	for _, k := range in.TagKeys {
		delete(f.tags[aws.ToString(in.ResourceARN)], k)
	}
	return &aas.UntagResourceOutput{}, nil
}

func (f *fakeAutoscaling) ListTagsForResource(_ context.Context, in *aas.ListTagsForResourceInput, _ ...func(*aas.Options)) (*aas.ListTagsForResourceOutput, error) {
	return &aas.ListTagsForResourceOutput{Tags: f.tags[aws.ToString(in.ResourceARN)]}, nil
}

const asID = "endpoint/e/variant/current"

func register(min, max int32) *aas.RegisterScalableTargetInput {
	return &aas.RegisterScalableTargetInput{ServiceNamespace: aastypes.ServiceNamespaceSagemaker, ResourceId: aws.String(asID),
		ScalableDimension: aastypes.ScalableDimensionSageMakerVariantDesiredInstanceCount, MinCapacity: aws.Int32(min), MaxCapacity: aws.Int32(max),
		Tags: map[string]string{"team": "churn"}}
}

// TestCallAutoscalingOwnership: a new target is tagged as the project's; an existing one
// is registered again in place without tags; a target without the ownership tag is
// neither changed, deregistered, nor given policies.
func TestCallAutoscalingOwnership(t *testing.T) {
	ctx := context.Background()
	f := &fakeAutoscaling{targets: map[string]*aastypes.ScalableTarget{}, tags: map[string]map[string]string{}}
	x := &Executor{Autoscaling: f, Guard: &Guard{Project: "churn"}}
	if err := x.call(ctx, nil, register(1, 4)); err != nil {
		t.Fatal(err)
	}
	tags := f.tags["arn:target/"+asID]
	if tags[ManagedByTag] != ManagedByValue || tags["sagectl:project"] != "churn" || tags["team"] != "churn" {
		t.Errorf("new target tags = %v", tags)
	}
	in := register(1, 6)
	if err := x.call(ctx, nil, in); err != nil || in.Tags != nil || aws.ToInt32(f.targets[asID].MaxCapacity) != 6 {
		t.Errorf("in-place registration: err %v, tags %v, max %v", err, in.Tags, f.targets[asID].MaxCapacity)
	}
	sched := &aas.PutScheduledActionInput{ScheduledActionName: aws.String("nightly"), ServiceNamespace: aastypes.ServiceNamespaceSagemaker, ResourceId: aws.String(asID)}
	if err := x.call(ctx, nil, sched); err != nil || f.log[len(f.log)-1] != "PutScheduledAction nightly" {
		t.Errorf("PutScheduledAction on our target: %v, log %v", err, f.log)
	}
	if err := x.call(ctx, nil, &aas.TagResourceInput{ResourceARN: aws.String("arn:target/" + asID), Tags: map[string]string{"team": "ml"}}); err != nil || f.tags["arn:target/"+asID]["team"] != "ml" {
		t.Errorf("TagResource on our target: %v, tags %v", err, f.tags["arn:target/"+asID])
	}
	f.tags["arn:target/"+asID] = map[string]string{} // not ours any more
	f.log = nil
	for _, in := range []any{
		register(1, 8),
		&aas.PutScalingPolicyInput{PolicyName: aws.String("p"), ServiceNamespace: aastypes.ServiceNamespaceSagemaker, ResourceId: aws.String(asID)},
		&aas.DeleteScalingPolicyInput{PolicyName: aws.String("p"), ServiceNamespace: aastypes.ServiceNamespaceSagemaker, ResourceId: aws.String(asID)},
		&aas.PutScheduledActionInput{ScheduledActionName: aws.String("s"), ServiceNamespace: aastypes.ServiceNamespaceSagemaker, ResourceId: aws.String(asID)},
		&aas.DeleteScheduledActionInput{ScheduledActionName: aws.String("s"), ServiceNamespace: aastypes.ServiceNamespaceSagemaker, ResourceId: aws.String(asID)},
		&aas.DeregisterScalableTargetInput{ServiceNamespace: aastypes.ServiceNamespaceSagemaker, ResourceId: aws.String(asID)},
		&aas.TagResourceInput{ResourceARN: aws.String("arn:target/" + asID), Tags: map[string]string{"team": "x"}},
		&aas.UntagResourceInput{ResourceARN: aws.String("arn:target/" + asID), TagKeys: []string{"team"}},
	} {
		if err := x.call(ctx, nil, in); err == nil || !strings.Contains(err.Error(), "no sagectl:managed-by tag") {
			t.Errorf("%T on a target not ours: err = %v", in, err)
		}
	}
	if len(f.log) != 0 {
		t.Errorf("calls made on a target not ours: %v", f.log)
	}
	if err := (&Executor{}).call(ctx, nil, register(1, 2)); err == nil || !strings.Contains(err.Error(), "no Application Auto Scaling client") {
		t.Errorf("no client: %v", err)
	}
}
