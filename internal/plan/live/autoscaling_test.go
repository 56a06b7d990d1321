package live

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	aastypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"
	"github.com/sagectl/sagectl/internal/manifest"
)

// fakeAAS answers DescribeScalableTargets and DescribeScalingPolicies from slices (one
// item per page, to exercise the paginators) and ListTagsForResource from a map.
type fakeAAS struct {
	targets  []aastypes.ScalableTarget
	policies []aastypes.ScalingPolicy
	actions  []aastypes.ScheduledAction
	tags     map[string]map[string]string
	tagCalls int
}

func (f *fakeAAS) DescribeScalableTargets(_ context.Context, in *aas.DescribeScalableTargetsInput, _ ...func(*aas.Options)) (*aas.DescribeScalableTargetsOutput, error) {
	var all []aastypes.ScalableTarget
	for _, t := range f.targets {
		if t.ServiceNamespace == in.ServiceNamespace && (len(in.ResourceIds) == 0 || in.ResourceIds[0] == aws.ToString(t.ResourceId)) {
			all = append(all, t)
		}
	}
	got, next := page(all, in.NextToken)
	return &aas.DescribeScalableTargetsOutput{ScalableTargets: got, NextToken: next}, nil
}

func (f *fakeAAS) DescribeScalingPolicies(_ context.Context, in *aas.DescribeScalingPoliciesInput, _ ...func(*aas.Options)) (*aas.DescribeScalingPoliciesOutput, error) {
	var all []aastypes.ScalingPolicy
	for _, p := range f.policies {
		if in.ResourceId != nil && *in.ResourceId != aws.ToString(p.ResourceId) || len(in.PolicyNames) > 0 && in.PolicyNames[0] != aws.ToString(p.PolicyName) {
			continue
		}
		all = append(all, p)
	}
	got, next := page(all, in.NextToken)
	return &aas.DescribeScalingPoliciesOutput{ScalingPolicies: got, NextToken: next}, nil
}

func (f *fakeAAS) DescribeScheduledActions(_ context.Context, in *aas.DescribeScheduledActionsInput, _ ...func(*aas.Options)) (*aas.DescribeScheduledActionsOutput, error) {
	var all []aastypes.ScheduledAction
	for _, a := range f.actions {
		if in.ResourceId != nil && *in.ResourceId != aws.ToString(a.ResourceId) || len(in.ScheduledActionNames) > 0 && in.ScheduledActionNames[0] != aws.ToString(a.ScheduledActionName) {
			continue
		}
		all = append(all, a)
	}
	got, next := page(all, in.NextToken)
	return &aas.DescribeScheduledActionsOutput{ScheduledActions: got, NextToken: next}, nil
}

func (f *fakeAAS) ListTagsForResource(_ context.Context, in *aas.ListTagsForResourceInput, _ ...func(*aas.Options)) (*aas.ListTagsForResourceOutput, error) {
	f.tagCalls++
	return &aas.ListTagsForResourceOutput{Tags: f.tags[aws.ToString(in.ResourceARN)]}, nil
}

const (
	targetARN = "arn:aws:application-autoscaling:us-east-1:1:scalable-target/056e"
	variantID = "endpoint/churn/variant/current"
)

func newFakeAAS() *fakeAAS {
	dim := aastypes.ScalableDimensionSageMakerVariantDesiredInstanceCount
	ns := aastypes.ServiceNamespaceSagemaker
	return &fakeAAS{
		targets: []aastypes.ScalableTarget{
			{ServiceNamespace: ns, ResourceId: aws.String(variantID), ScalableDimension: dim, MinCapacity: aws.Int32(1), MaxCapacity: aws.Int32(4), ScalableTargetARN: aws.String(targetARN)},
			{ServiceNamespace: ns, ResourceId: aws.String("endpoint/old/variant/v"), ScalableDimension: dim, MinCapacity: aws.Int32(1), MaxCapacity: aws.Int32(2)},
			{ServiceNamespace: aastypes.ServiceNamespaceEcs, ResourceId: aws.String("service/c/s"), ScalableDimension: aastypes.ScalableDimensionECSServiceDesiredCount, MinCapacity: aws.Int32(1), MaxCapacity: aws.Int32(2)},
		},
		policies: []aastypes.ScalingPolicy{
			{PolicyName: aws.String("invocations"), PolicyARN: aws.String("arn:p1"), ResourceId: aws.String(variantID), ServiceNamespace: ns, ScalableDimension: dim, PolicyType: aastypes.PolicyTypeTargetTrackingScaling,
				TargetTrackingScalingPolicyConfiguration: &aastypes.TargetTrackingScalingPolicyConfiguration{TargetValue: aws.Float64(70)}},
			{PolicyName: aws.String("invocations"), PolicyARN: aws.String("arn:p2"), ResourceId: aws.String("endpoint/old/variant/v"), ServiceNamespace: ns, ScalableDimension: dim, PolicyType: aastypes.PolicyTypeTargetTrackingScaling},
		},
		actions: []aastypes.ScheduledAction{
			{ScheduledActionName: aws.String("nightly"), ScheduledActionARN: aws.String("arn:s1"), ResourceId: aws.String(variantID), ServiceNamespace: ns, ScalableDimension: dim, Schedule: aws.String("cron(0 22 * * ? *)")},
			{ScheduledActionName: aws.String("nightly"), ScheduledActionARN: aws.String("arn:s2"), ResourceId: aws.String("endpoint/old/variant/v"), ServiceNamespace: ns, ScalableDimension: dim, Schedule: aws.String("cron(0 23 * * ? *)")},
		},
		tags: map[string]map[string]string{targetARN: {"sagectl:managed-by": "sagectl"}},
	}
}

// TestAPIAutoscaling: targets are read by ResourceId in the sagemaker namespace with
// their tags, policies by PolicyKey (the same PolicyName on two targets is two
// policies), absent ones are nil, and List pages through both.
func TestAPIAutoscaling(t *testing.T) {
	ctx := context.Background()
	f := newFakeAAS()
	a := &API{Client: &fakeClient{}, Autoscaling: f}
	tg, err := a.Read(ctx, manifest.KindScalableTarget, variantID)
	if err != nil || tg == nil {
		t.Fatalf("Read target = %v, %v", tg, err)
	}
	if tg.Name != variantID || tg.ARN != targetARN || tg.Tags["sagectl:managed-by"] != "sagectl" || tg.TagsUnknown || tg.Body["MaxCapacity"] == nil {
		t.Errorf("target = %+v", tg)
	}
	old, err := a.Read(ctx, manifest.KindScalableTarget, "endpoint/old/variant/v")
	if err != nil || old == nil || !old.TagsUnknown || f.tagCalls != 1 {
		t.Errorf("a target without ScalableTargetARN: tags must be unknown, not listed: %+v, %v, %d ListTagsForResource", old, err, f.tagCalls)
	}
	if r, err := a.Read(ctx, manifest.KindScalableTarget, "service/c/s"); r != nil || err != nil {
		t.Errorf("a target of another namespace was read: %+v, %v", r, err)
	}
	pol, err := a.Read(ctx, manifest.KindScalingPolicy, PolicyKey("endpoint/old/variant/v", "invocations"))
	if err != nil || pol == nil || pol.ARN != "arn:p2" || pol.Name != "endpoint/old/variant/v:policyName/invocations" || pol.TagsUnknown {
		t.Errorf("policy = %+v, %v", pol, err)
	}
	if r, err := a.Read(ctx, manifest.KindScalingPolicy, PolicyKey(variantID, "absent")); r != nil || err != nil {
		t.Errorf("absent policy = %+v, %v", r, err)
	}
	if _, err := a.Read(ctx, manifest.KindScalingPolicy, "invocations"); err == nil {
		t.Error("a policy name that is no PolicyKey was read")
	}
	names, err := a.List(ctx, manifest.KindScalableTarget)
	if got := strings.Join(names, " "); err != nil || got != "endpoint/churn/variant/current endpoint/old/variant/v" {
		t.Errorf("List targets = %s, %v", got, err)
	}
	names, err = a.List(ctx, manifest.KindScalingPolicy)
	if got := strings.Join(names, " "); err != nil || got != "endpoint/churn/variant/current:policyName/invocations endpoint/old/variant/v:policyName/invocations" {
		t.Errorf("List policies = %s, %v", got, err)
	}
	act, err := a.Read(ctx, manifest.KindScheduledAction, ChildKey(manifest.KindScheduledAction, variantID, "nightly"))
	if err != nil || act == nil || act.ARN != "arn:s1" || act.Name != variantID+":scheduledActionName/nightly" || act.TagsUnknown {
		t.Errorf("scheduled action = %+v, %v", act, err)
	}
	if _, err := a.Read(ctx, manifest.KindScheduledAction, PolicyKey(variantID, "nightly")); err == nil {
		t.Error("a policy key was read as a scheduled action")
	}
	names, err = a.List(ctx, manifest.KindScheduledAction)
	if got := strings.Join(names, " "); err != nil || got != "endpoint/churn/variant/current:scheduledActionName/nightly endpoint/old/variant/v:scheduledActionName/nightly" {
		t.Errorf("List scheduled actions = %s, %v", got, err)
	}
	if _, err := (&API{Client: &fakeClient{}}).Read(ctx, manifest.KindScalableTarget, variantID); err == nil || !strings.Contains(err.Error(), "no Application Auto Scaling client") {
		t.Errorf("no client: err = %v", err)
	}
}

func TestSplitPolicyKey(t *testing.T) {
	id, name, ok := SplitPolicyKey(PolicyKey("endpoint/e/variant/v", "p"))
	if !ok || id != "endpoint/e/variant/v" || name != "p" {
		t.Errorf("SplitPolicyKey = %q %q %v", id, name, ok)
	}
	if _, _, ok := SplitPolicyKey("endpoint/e/variant/v"); ok {
		t.Error("a ResourceId split as a policy key")
	}
}

// TestOpenDirAutoscaling: the AWS CLI's describe-scalable-targets and
// describe-scaling-policies outputs are read element by element, and
// list-tags-for-resource's Tags map attaches to the target its ResourceARN names.
func TestOpenDirAutoscaling(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"targets.json": `{"ScalableTargets": [{"ServiceNamespace": "sagemaker", "ResourceId": "endpoint/churn/variant/current",
			"ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 4,
			"RoleARN": "arn:aws:iam::1:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint",
			"CreationTime": "2026-12-01T10:00:00.123000+00:00", "ScalableTargetARN": "` + targetARN + `"},
			{"ServiceNamespace": "sagemaker", "ResourceId": "endpoint/old/variant/v", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 2}]}`,
		"policies.json": `{"ScalingPolicies": [{"PolicyARN": "arn:p1", "PolicyName": "invocations", "ServiceNamespace": "sagemaker",
			"ResourceId": "endpoint/churn/variant/current", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "PolicyType": "TargetTrackingScaling",
			"TargetTrackingScalingPolicyConfiguration": {"TargetValue": 70.0}}]}`,
		"target-tags.json": `{"ResourceARN": "` + targetARN + `", "Tags": {"sagectl:managed-by": "sagectl", "team": "churn"}}`,
		"empty.json":       `{"ScalingPolicies": []}`,
		"scheduled.json": `{"ScheduledActions": [{"ScheduledActionName": "nightly", "ScheduledActionARN": "arn:s1", "ServiceNamespace": "sagemaker",
			"Schedule": "cron(0 22 * * ? *)", "ResourceId": "endpoint/churn/variant/current", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
			"ScalableTargetAction": {"MinCapacity": 1, "MaxCapacity": 2}, "CreationTime": "2026-12-01T10:00:00+00:00"}]}`,
	})
	d, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	names, _ := d.List(ctx, manifest.KindScalableTarget)
	if got := strings.Join(names, " "); got != "endpoint/churn/variant/current endpoint/old/variant/v" {
		t.Errorf("targets = %s", got)
	}
	tg, _ := d.Read(ctx, manifest.KindScalableTarget, "endpoint/churn/variant/current")
	if tg == nil || tg.ARN != targetARN || tg.TagsUnknown || tg.Tags["team"] != "churn" || tg.Tags["sagectl:managed-by"] != "sagectl" {
		t.Errorf("target = %+v", tg)
	}
	old, _ := d.Read(ctx, manifest.KindScalableTarget, "endpoint/old/variant/v")
	if old == nil || !old.TagsUnknown {
		t.Errorf("untagged target: tags must be unknown: %+v", old)
	}
	pol, _ := d.Read(ctx, manifest.KindScalingPolicy, PolicyKey("endpoint/churn/variant/current", "invocations"))
	if pol == nil || pol.ARN != "arn:p1" || pol.TagsUnknown {
		t.Errorf("policy = %+v", pol)
	}
	act, _ := d.Read(ctx, manifest.KindScheduledAction, ChildKey(manifest.KindScheduledAction, "endpoint/churn/variant/current", "nightly"))
	if act == nil || act.ARN != "arn:s1" || act.TagsUnknown {
		t.Errorf("scheduled action = %+v", act)
	}
	if n, _ := d.List(ctx, manifest.KindModel); len(n) != 0 {
		t.Errorf("models = %v", n)
	}
}
