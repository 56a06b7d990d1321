package apply

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	aastypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
)

const (
	e2eTarget = "endpoint/ep/variant/v-m1"
	e2ePolicy = e2eTarget + ":policyName/invocations"
)

func e2eRegister() *aas.RegisterScalableTargetInput {
	return &aas.RegisterScalableTargetInput{ServiceNamespace: aastypes.ServiceNamespaceSagemaker, ResourceId: aws.String(e2eTarget),
		ScalableDimension: aastypes.ScalableDimensionSageMakerVariantDesiredInstanceCount, MinCapacity: aws.Int32(1), MaxCapacity: aws.Int32(4)}
}

func e2ePut() *aas.PutScalingPolicyInput {
	return &aas.PutScalingPolicyInput{PolicyName: aws.String("invocations"), ServiceNamespace: aastypes.ServiceNamespaceSagemaker, ResourceId: aws.String(e2eTarget),
		ScalableDimension: aastypes.ScalableDimensionSageMakerVariantDesiredInstanceCount, PolicyType: aastypes.PolicyTypeTargetTrackingScaling,
		TargetTrackingScalingPolicyConfiguration: &aastypes.TargetTrackingScalingPolicyConfiguration{TargetValue: aws.Float64(70),
			PredefinedMetricSpecification: &aastypes.PredefinedMetricSpecification{PredefinedMetricType: aastypes.MetricTypeSageMakerVariantInvocationsPerInstance}}}
}

// TestApplyWrapsAutoscaledSwap runs, against the emulator (which enforces SageMaker's
// rule, https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-update.html),
// the calls the planner emits: an autoscaled endpoint is created and its target
// registered (tagged as sagectl's) and its policy put after it; a bare UpdateEndpoint
// changing the variant's instance type fails; the wrapped sequence (DeleteScalingPolicy,
// DeregisterScalableTarget, UpdateEndpoint, RegisterScalableTarget, PutScalingPolicy)
// succeeds with no manual step and leaves the target and policy registered again.
func TestApplyWrapsAutoscaledSwap(t *testing.T) {
	h := newHarness(t)
	c := aas.New(aas.Options{Region: "us-east-1", BaseEndpoint: aws.String(h.emu.URL()), Retryer: aws.NopRetryer{},
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
	h.x.Autoscaling = c
	res := h.x.Run(h.ctx, planned(t, createModel("m1"), createConfig("c1", "m1"), createEndpoint("ep", "c1"),
		step(manifest.KindScalableTarget, e2eTarget, plan.Create, e2eRegister()),
		step(manifest.KindScalingPolicy, e2ePolicy, plan.Create, e2ePut())))
	if !res.OK() {
		t.Fatalf("create: states %v: %+v", states(res), res.Steps)
	}
	bigger := configInput("c2", "m1")
	bigger.ProductionVariants[0].InstanceType = types.ProductionVariantInstanceTypeMlC5Xlarge
	res = h.x.Run(h.ctx, planned(t, step(manifest.KindEndpointConfig, "c2", plan.Create, bigger), swapConfig("ep", "c2")))
	if res.OK() || !strings.Contains(res.Steps[1].Err.Error(), "must be deregistered") {
		t.Fatalf("a bare instance-type change of an autoscaled variant: states %v, err %v", states(res), res.Steps[1].Err)
	}
	ns, dim := aastypes.ServiceNamespaceSagemaker, aastypes.ScalableDimensionSageMakerVariantDesiredInstanceCount
	res = h.x.Run(h.ctx, planned(t, step(manifest.KindEndpoint, "ep", plan.SwapConfig,
		&aas.DeleteScalingPolicyInput{PolicyName: aws.String("invocations"), ServiceNamespace: ns, ResourceId: aws.String(e2eTarget), ScalableDimension: dim},
		&aas.DeregisterScalableTargetInput{ServiceNamespace: ns, ResourceId: aws.String(e2eTarget), ScalableDimension: dim},
		&sagemaker.UpdateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("c2"), RetainAllVariantProperties: aws.Bool(true)},
		e2eRegister(), e2ePut())))
	if !res.OK() {
		t.Fatalf("wrapped swap: states %v: %+v", states(res), res.Steps)
	}
	if d := h.describe(t, "ep"); aws.ToString(d.EndpointConfigName) != "c2" {
		t.Errorf("endpoint on %s", aws.ToString(d.EndpointConfigName))
	}
	ts, err := c.DescribeScalableTargets(h.ctx, &aas.DescribeScalableTargetsInput{ServiceNamespace: ns, ResourceIds: []string{e2eTarget}})
	if err != nil || len(ts.ScalableTargets) != 1 {
		t.Fatalf("target after the swap: %+v, %v", ts, err)
	}
	tags, err := c.ListTagsForResource(h.ctx, &aas.ListTagsForResourceInput{ResourceARN: ts.ScalableTargets[0].ScalableTargetARN})
	if err != nil || tags.Tags[ManagedByTag] != ManagedByValue {
		t.Errorf("target tags after re-registration: %v, %v", tags, err)
	}
	ps, err := c.DescribeScalingPolicies(h.ctx, &aas.DescribeScalingPoliciesInput{ServiceNamespace: ns, ResourceId: aws.String(e2eTarget)})
	if err != nil || len(ps.ScalingPolicies) != 1 {
		t.Errorf("policies after the swap: %+v, %v", ps, err)
	}
}

// TestCheckStaleAutoscaling: a plan's scalable-target fingerprint is read again through
// the Application Auto Scaling client, and a deregistration since the plan makes it stale;
// a reader without that client refuses such a plan rather than ignoring it.
func TestCheckStaleAutoscaling(t *testing.T) {
	h := newHarness(t)
	c := aas.New(aas.Options{Region: "us-east-1", BaseEndpoint: aws.String(h.emu.URL()), Retryer: aws.NopRetryer{},
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
	h.x.Autoscaling = c
	if res := h.x.Run(h.ctx, planned(t, createModel("m1"), createConfig("c1", "m1"), createEndpoint("ep", "c1"),
		step(manifest.KindScalableTarget, e2eTarget, plan.Create, e2eRegister()))); !res.OK() {
		t.Fatalf("create: states %v: %+v", states(res), res.Steps)
	}
	r := &live.API{Client: h.raw, Autoscaling: c}
	now, err := plan.Fingerprints{{Kind: manifest.KindScalableTarget, Name: e2eTarget}}.Reread(h.ctx, r, 1)
	if err != nil || !now[0].Exists || now[0].ARN == "" {
		t.Fatalf("fingerprint = %+v, %v", now, err)
	}
	saved := &plan.Saved{Fingerprints: now}
	if err := CheckStale(h.ctx, saved, r, 1); err != nil {
		t.Errorf("fresh plan: %v", err)
	}
	if err := CheckStale(h.ctx, saved, &live.API{Client: h.raw}, 1); err == nil || !strings.Contains(err.Error(), "no Application Auto Scaling client") {
		t.Errorf("CheckStale without the client: %v", err)
	}
	if _, err := c.DeregisterScalableTarget(h.ctx, &aas.DeregisterScalableTargetInput{ServiceNamespace: aastypes.ServiceNamespaceSagemaker,
		ResourceId: aws.String(e2eTarget), ScalableDimension: aastypes.ScalableDimensionSageMakerVariantDesiredInstanceCount}); err != nil {
		t.Fatal(err)
	}
	if err := CheckStale(h.ctx, saved, r, 1); err == nil || !strings.Contains(err.Error(), "was deleted since the plan") {
		t.Errorf("deregistered since the plan: %v", err)
	}
}

// TestApplyRestoresAutoscalingAfterFailedUpdate: when the wrapped UpdateEndpoint fails
// (denied here), the endpoint keeps its old config, and the step registers the target it
// had deregistered again, with its policy, in the same run, and says so, rather than
// leaving the variant unscaled until the next apply.
func TestApplyRestoresAutoscalingAfterFailedUpdate(t *testing.T) {
	h := newHarness(t)
	c := aas.New(aas.Options{Region: "us-east-1", BaseEndpoint: aws.String(h.emu.URL()), Retryer: aws.NopRetryer{},
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
	h.x.Autoscaling = c
	bigger := configInput("c2", "m1")
	bigger.ProductionVariants[0].InstanceType = types.ProductionVariantInstanceTypeMlC5Xlarge
	if res := h.x.Run(h.ctx, planned(t, createModel("m1"), createConfig("c1", "m1"), createEndpoint("ep", "c1"),
		step(manifest.KindEndpointConfig, "c2", plan.Create, bigger),
		step(manifest.KindScalableTarget, e2eTarget, plan.Create, e2eRegister()),
		step(manifest.KindScalingPolicy, e2ePolicy, plan.Create, e2ePut()))); !res.OK() {
		t.Fatalf("create: states %v: %+v", states(res), res.Steps)
	}
	ns, dim := aastypes.ServiceNamespaceSagemaker, aastypes.ScalableDimensionSageMakerVariantDesiredInstanceCount
	h.emu.Inject(emulator.Fault{Kind: emulator.Denied, Op: "UpdateEndpoint"})
	res := h.x.Run(h.ctx, planned(t, step(manifest.KindEndpoint, "ep", plan.SwapConfig,
		&aas.DeleteScalingPolicyInput{PolicyName: aws.String("invocations"), ServiceNamespace: ns, ResourceId: aws.String(e2eTarget), ScalableDimension: dim},
		&aas.DeregisterScalableTargetInput{ServiceNamespace: ns, ResourceId: aws.String(e2eTarget), ScalableDimension: dim},
		&sagemaker.UpdateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("c2"), RetainAllVariantProperties: aws.Bool(true)},
		e2eRegister(), e2ePut())))
	if res.OK() {
		t.Fatal("the denied update succeeded")
	}
	msg := res.Steps[0].Err.Error()
	for _, want := range []string{"AccessDenied", "registered again as the plan had them (RegisterScalableTarget " + e2eTarget + ", PutScalingPolicy " + e2eTarget + ")"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not say %q", msg, want)
		}
	}
	if d := h.describe(t, "ep"); aws.ToString(d.EndpointConfigName) != "c1" {
		t.Errorf("endpoint on %s after a denied update", aws.ToString(d.EndpointConfigName))
	}
	ts, err := c.DescribeScalableTargets(h.ctx, &aas.DescribeScalableTargetsInput{ServiceNamespace: ns, ResourceIds: []string{e2eTarget}})
	if err != nil || len(ts.ScalableTargets) != 1 {
		t.Errorf("target after the failed update: %+v, %v", ts, err)
	}
	ps, err := c.DescribeScalingPolicies(h.ctx, &aas.DescribeScalingPoliciesInput{ServiceNamespace: ns, ResourceId: aws.String(e2eTarget)})
	if err != nil || len(ps.ScalingPolicies) != 1 {
		t.Errorf("policies after the failed update: %+v, %v", ps, err)
	}
}
