package clitest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	aastypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// autoscaledManifests is an endpoint churn whose variant current runs instanceType and
// is a scalable target (1 to 4 instances) with a target-tracking policy and a nightly
// scheduled action.
func autoscaledManifests(instanceType string) string {
	return `kind: Model
ModelName: churn-model
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker-execution
PrimaryContainer:
  Image: 763104351884.dkr.ecr.us-east-1.amazonaws.com/xgboost-inference:1.7-1
  ModelDataUrl: s3://acme-models/churn/model.tar.gz
---
kind: EndpointConfig
EndpointConfigName: churn-config
ProductionVariants:
  - {VariantName: current, ModelName: churn-model, InstanceType: ` + instanceType + `, InitialInstanceCount: 1}
---
kind: Endpoint
EndpointName: churn
EndpointConfigName: churn-config
---
kind: ScalableTarget
ServiceNamespace: sagemaker
ResourceId: endpoint/churn/variant/current
ScalableDimension: sagemaker:variant:DesiredInstanceCount
MinCapacity: 1
MaxCapacity: 4
---
kind: ScalingPolicy
PolicyName: churn-invocations
ServiceNamespace: sagemaker
ResourceId: endpoint/churn/variant/current
ScalableDimension: sagemaker:variant:DesiredInstanceCount
PolicyType: TargetTrackingScaling
TargetTrackingScalingPolicyConfiguration:
  TargetValue: 70
  PredefinedMetricSpecification: {PredefinedMetricType: SageMakerVariantInvocationsPerInstance}
---
kind: ScheduledAction
ScheduledActionName: churn-nightly
ServiceNamespace: sagemaker
ResourceId: endpoint/churn/variant/current
ScalableDimension: sagemaker:variant:DesiredInstanceCount
Schedule: cron(0 22 * * ? *)
StartTime: "2026-01-01T00:00:00Z"
ScalableTargetAction: {MinCapacity: 1, MaxCapacity: 2}
`
}

func (c *cliEnv) autoscaling() *aas.Client {
	return aas.New(aas.Options{Region: "us-east-1", BaseEndpoint: aws.String(c.url),
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
}

// TestCLIAutoscaledInstanceTypeChange is the autoscaling issue's "done": a user declares
// an autoscaled endpoint and applies it (target registered and policy put once the
// endpoint is InService); the autoscaler scales the variant to 3 instances, which the next
// plan does not take for drift; the user changes the instance type, and plan and apply run
// the documented sequence (delete the policy and scheduled action, deregister the target, UpdateEndpoint
// keeping the live counts, register and put again after the verified swap) with no
// manual step, and converge.
func TestCLIAutoscaledInstanceTypeChange(t *testing.T) {
	c := newCLIEnv(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "churn.yaml")
	write := func(body string) {
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(autoscaledManifests("ml.m5.large"))
	if code, out := c.apply("--auto-approve", dir); code != 0 {
		t.Fatalf("first apply: exit %d\n%s", code, out)
	}
	c.converged(dir)
	ctx := context.Background()
	scaling := c.autoscaling()
	targets, err := scaling.DescribeScalableTargets(ctx, &aas.DescribeScalableTargetsInput{ServiceNamespace: aastypes.ServiceNamespaceSagemaker})
	if err != nil || len(targets.ScalableTargets) != 1 || aws.ToInt32(targets.ScalableTargets[0].MaxCapacity) != 4 {
		t.Fatalf("after the first apply: targets %+v, %v", targets, err)
	}

	// The autoscaler scales out: not drift.
	raw := c.client()
	if _, err := raw.UpdateEndpointWeightsAndCapacities(ctx, &sagemaker.UpdateEndpointWeightsAndCapacitiesInput{EndpointName: aws.String("churn"),
		DesiredWeightsAndCapacities: []types.DesiredWeightAndCapacity{{VariantName: aws.String("current"), DesiredInstanceCount: aws.Int32(3)}}}); err != nil {
		t.Fatal(err)
	}
	waitInService(t, raw, "churn")
	c.converged(dir)

	write(autoscaledManifests("ml.c5.xlarge"))
	code, out := c.run("plan", "--naming", "hashed", dir)
	want := []string{"DeleteScalingPolicy", "DeleteScheduledAction", "DeregisterScalableTarget", "UpdateEndpoint", "RegisterScalableTarget", "PutScalingPolicy", "PutScheduledAction"}
	if code != 0 || !inOrder(out, want) {
		t.Fatalf("plan of the instance type change: exit %d, want the calls %v in order:\n%s", code, want, out)
	}
	before := c.emu.CallCounts()
	if code, out := c.apply("--auto-approve", dir); code != 0 {
		t.Fatalf("apply of the instance type change: exit %d\n%s", code, out)
	}
	after := c.emu.CallCounts()
	for _, op := range []string{"AnyScaleFrontendService.DeleteScalingPolicy", "AnyScaleFrontendService.DeleteScheduledAction", "AnyScaleFrontendService.DeregisterScalableTarget", "UpdateEndpoint",
		"AnyScaleFrontendService.RegisterScalableTarget", "AnyScaleFrontendService.PutScalingPolicy", "AnyScaleFrontendService.PutScheduledAction"} {
		if n := after[op] - before[op]; n != 1 {
			t.Errorf("apply made %d %s calls, want 1", n, op)
		}
	}
	c.converged(dir)
	ep, err := raw.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: aws.String("churn")})
	if err != nil || len(ep.ProductionVariants) != 1 || aws.ToInt32(ep.ProductionVariants[0].CurrentInstanceCount) != 3 {
		t.Errorf("after the swap the variant does not keep the autoscaler's 3 instances: %+v, %v", ep, err)
	}
	policies, err := scaling.DescribeScalingPolicies(ctx, &aas.DescribeScalingPoliciesInput{ServiceNamespace: aastypes.ServiceNamespaceSagemaker})
	if err != nil || len(policies.ScalingPolicies) != 1 || aws.ToString(policies.ScalingPolicies[0].PolicyName) != "churn-invocations" {
		t.Errorf("after the swap: policies %+v, %v", policies, err)
	}
	imported := filepath.Join(t.TempDir(), "imported")
	if code, out := c.run("import", "churn", "--out-dir", imported); code != 0 {
		t.Fatalf("import: exit %d\n%s", code, out)
	}
	for _, f := range []string{"endpoint_churn_variant_current.scalabletarget.yaml", "endpoint_churn_variant_current_policyName_churn-invocations.scalingpolicy.yaml",
		"endpoint_churn_variant_current_scheduledActionName_churn-nightly.scheduledaction.yaml"} {
		if _, err := os.Stat(filepath.Join(imported, f)); err != nil {
			t.Errorf("import wrote no %s: %v", f, err)
		}
	}
	if code, out := c.run("plan", "--naming", "exact", "--detailed-exitcode", imported); code != 0 {
		t.Errorf("plan of the imported manifests: exit %d, want no changes\n%s", code, out)
	}
	actions, err := scaling.DescribeScheduledActions(ctx, &aas.DescribeScheduledActionsInput{ServiceNamespace: aastypes.ServiceNamespaceSagemaker})
	if err != nil || len(actions.ScheduledActions) != 1 || aws.ToString(actions.ScheduledActions[0].Schedule) != "cron(0 22 * * ? *)" {
		t.Errorf("after the swap: scheduled actions %+v, %v", actions, err)
	}
}

// inOrder reports whether each of words occurs in s after the one before it.
func inOrder(s string, words []string) bool {
	for _, w := range words {
		i := strings.Index(s, w)
		if i < 0 {
			return false
		}
		s = s[i+len(w):]
	}
	return true
}
