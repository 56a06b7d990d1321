package clitest_test

import (
	"context"
	"os"
	"os/exec"
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
// the documented sequence, through a saved plan (delete the policy and scheduled action, deregister the target, UpdateEndpoint
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
	saved := filepath.Join(t.TempDir(), "plan.json")
	code, out := c.run("plan", "--naming", "hashed", "--out", saved, dir)
	want := []string{"DeleteScalingPolicy", "DeleteScheduledAction", "DeregisterScalableTarget", "UpdateEndpoint", "RegisterScalableTarget", "PutScalingPolicy", "PutScheduledAction"}
	if code != 0 || !inOrder(out, want) {
		t.Fatalf("plan of the instance type change: exit %d, want the calls %v in order:\n%s", code, want, out)
	}
	before := c.emu.CallCounts()
	if code, out := c.run("apply", "--poll-max", "5ms", "--retry-max-backoff", "5ms", saved); code != 0 {
		t.Fatalf("apply of the saved plan of the instance type change: exit %d\n%s", code, out)
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

// TestCLIAutoscalingSeenByAWSCLI: what sagectl apply registers around an instance-type
// change is what the real AWS CLI then reads from the emulator: the target with its Max,
// the policy and the scheduled action, and the endpoint on the new instance type.
func TestCLIAutoscalingSeenByAWSCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the AWS CLI, a process per call")
	}
	aws, err := exec.LookPath("aws")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("the AWS CLI is missing under CI=true: scripts/ensure-tools.sh (make tools) installs it")
		}
		t.Skip("the AWS CLI is not installed (apt-get install awscli)")
	}
	c := newCLIEnv(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "churn.yaml")
	for _, instanceType := range []string{"ml.m5.large", "ml.c5.xlarge"} {
		if err := os.WriteFile(file, []byte(autoscaledManifests(instanceType)), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, out := c.apply("--auto-approve", dir); code != 0 {
			t.Fatalf("apply on %s: exit %d\n%s", instanceType, code, out)
		}
	}
	cli := func(service string, args ...string) string {
		t.Helper()
		cmd := exec.Command(aws, append([]string{service}, append(args, "--endpoint-url", c.url, "--output", "text")...)...)
		home := t.TempDir()
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "AWS_ACCESS_KEY_ID=AKID", "AWS_SECRET_ACCESS_KEY=SECRET",
			"AWS_DEFAULT_REGION=us-east-1", "AWS_CONFIG_FILE=" + filepath.Join(home, "none"), "AWS_PAGER=", "AWS_EC2_METADATA_DISABLED=true"}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("aws %s %s: %v\n%s", service, strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	ns := []string{"--service-namespace", "sagemaker"}
	if got := cli("application-autoscaling", append([]string{"describe-scalable-targets", "--query", "ScalableTargets[].[ResourceId,MinCapacity,MaxCapacity]"}, ns...)...); got != "endpoint/churn/variant/current\t1\t4" {
		t.Errorf("aws application-autoscaling describe-scalable-targets: %q", got)
	}
	if got := cli("application-autoscaling", append([]string{"describe-scaling-policies", "--query", "ScalingPolicies[].PolicyName"}, ns...)...); got != "churn-invocations" {
		t.Errorf("aws application-autoscaling describe-scaling-policies: %q", got)
	}
	if got := cli("application-autoscaling", append([]string{"describe-scheduled-actions", "--query", "ScheduledActions[].Schedule"}, ns...)...); got != "cron(0 22 * * ? *)" {
		t.Errorf("aws application-autoscaling describe-scheduled-actions: %q", got)
	}
	config := cli("sagemaker", "describe-endpoint", "--endpoint-name", "churn", "--query", "EndpointConfigName")
	if got := cli("sagemaker", "describe-endpoint-config", "--endpoint-config-name", config, "--query", "ProductionVariants[].InstanceType"); got != "ml.c5.xlarge" {
		t.Errorf("the endpoint's config %s runs %q", config, got)
	}
}

// TestCLIImportAdoptTarget: import --adopt tags a hand-registered scalable target as the
// project's (through Application Auto Scaling's TagResource) along with its endpoint, so
// plan may then deregister it around an instance-type change; the imported manifests plan
// with no changes.
func TestCLIImportAdoptTarget(t *testing.T) {
	c := newCLIEnv(t)
	raw := c.client()
	ctx := context.Background()
	deployRaw(t, raw, "hand", nil)
	scaling := c.autoscaling()
	if _, err := scaling.RegisterScalableTarget(ctx, &aas.RegisterScalableTargetInput{ServiceNamespace: aastypes.ServiceNamespaceSagemaker,
		ResourceId: aws.String("endpoint/hand-e/variant/main"), ScalableDimension: aastypes.ScalableDimensionSageMakerVariantDesiredInstanceCount,
		MinCapacity: aws.Int32(1), MaxCapacity: aws.Int32(3)}); err != nil {
		t.Fatal(err)
	}
	cfg, _ := projectRepo(t, "fraud")
	out := filepath.Join(t.TempDir(), "imported")
	if code, text := c.run("import", "--adopt", "--config", cfg, "--out-dir", out, "hand-e"); code != 0 {
		t.Fatalf("import --adopt: exit %d\n%s", code, text)
	}
	ts, err := scaling.DescribeScalableTargets(ctx, &aas.DescribeScalableTargetsInput{ServiceNamespace: aastypes.ServiceNamespaceSagemaker})
	if err != nil || len(ts.ScalableTargets) != 1 {
		t.Fatalf("targets: %+v, %v", ts, err)
	}
	tags, err := scaling.ListTagsForResource(ctx, &aas.ListTagsForResourceInput{ResourceARN: ts.ScalableTargets[0].ScalableTargetARN})
	if err != nil || tags.Tags["sagectl:managed-by"] != "sagectl" || tags.Tags["sagectl:project"] != "fraud" {
		t.Errorf("the adopted target's tags: %v, %v", tags, err)
	}
	if code, text := c.run("plan", "--config", cfg, "--detailed-exitcode", out); code != 0 {
		t.Errorf("plan of the imported manifests: exit %d, want no changes\n%s", code, text)
	}
}
