package emulator_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sagectl/sagectl/internal/emulator"
)

// aasRun runs `aws application-autoscaling ARGS...` against the emulator.
func (a *awsCLI) aasRun(args ...string) (string, string, int) {
	a.t.Helper()
	return a.runService("application-autoscaling", args...)
}

func (a *awsCLI) aasOK(args ...string) map[string]any {
	a.t.Helper()
	out, errOut, code := a.aasRun(args...)
	if code != 0 {
		a.t.Fatalf("aws application-autoscaling %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	var doc map[string]any
	if strings.TrimSpace(out) != "" {
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			a.t.Fatalf("aws application-autoscaling %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	return doc
}

// TestAWSCLIAutoscaling: the AWS CLI registers a variant, attaches a policy and a
// scheduled action, and describes them; SageMaker then refuses the UpdateEndpoint that
// changes the autoscaled variant's instance type until the policy is deleted and the
// target deregistered, as the SageMaker guide's "Update endpoints that use auto scaling"
// says; a model-only update is allowed.
func TestAWSCLIAutoscaling(t *testing.T) {
	clock := emulator.NewFakeClock(epoch)
	srv, err := emulator.Start(emulator.Options{Clock: clock, CreateDuration: time.Minute, UpdateDuration: time.Minute, DeleteDuration: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	aws := newAWSCLI(t, srv.URL())
	role := "arn:aws:iam::123456789012:role/sagemaker"
	aws.ok("create-model", "--model-name", "churn-v1", "--primary-container", "Image=img:1", "--execution-role-arn", role)
	aws.ok("create-model", "--model-name", "churn-v2", "--primary-container", "Image=img:2", "--execution-role-arn", role)
	for name, spec := range map[string]string{
		"churn-large":  "VariantName=current,ModelName=churn-v1,InstanceType=ml.m5.large,InitialInstanceCount=1",
		"churn-model2": "VariantName=current,ModelName=churn-v2,InstanceType=ml.m5.large,InitialInstanceCount=1",
		"churn-xlarge": "VariantName=current,ModelName=churn-v2,InstanceType=ml.m5.xlarge,InitialInstanceCount=1",
	} {
		aws.ok("create-endpoint-config", "--endpoint-config-name", name, "--production-variants", spec)
	}
	aws.ok("create-endpoint", "--endpoint-name", "churn", "--endpoint-config-name", "churn-large")
	clock.Advance(time.Minute)

	target := []string{"--service-namespace", "sagemaker", "--resource-id", "endpoint/churn/variant/current", "--scalable-dimension", "sagemaker:variant:DesiredInstanceCount"}
	if _, errOut, code := aws.aasRun("register-scalable-target", "--service-namespace", "sagemaker", "--resource-id", "endpoint/ghost/variant/current",
		"--scalable-dimension", "sagemaker:variant:DesiredInstanceCount", "--min-capacity", "1", "--max-capacity", "2"); code == 0 || !strings.Contains(errOut, "ValidationException") {
		t.Errorf("register a target of a missing endpoint: exit %d, %s", code, errOut)
	}
	aws.aasOK(append([]string{"register-scalable-target", "--min-capacity", "1", "--max-capacity", "4"}, target...)...)
	aws.aasOK(append([]string{"register-scalable-target", "--max-capacity", "6"}, target...)...) // in place: Min stays
	policy := aws.aasOK(append([]string{"put-scaling-policy", "--policy-name", "invocations", "--policy-type", "TargetTrackingScaling",
		"--target-tracking-scaling-policy-configuration", `{"TargetValue":70,"PredefinedMetricSpecification":{"PredefinedMetricType":"SageMakerVariantInvocationsPerInstance"}}`}, target...)...)
	if arn, _ := policy["PolicyARN"].(string); !strings.HasSuffix(arn, ":resource/sagemaker/endpoint/churn/variant/current:policyName/invocations") {
		t.Errorf("put-scaling-policy: %v", policy)
	}
	aws.aasOK(append([]string{"put-scheduled-action", "--scheduled-action-name", "night", "--schedule", "cron(0 22 * * ? *)",
		"--scalable-target-action", "MinCapacity=1,MaxCapacity=2"}, target...)...)
	targets := aws.aasOK("describe-scalable-targets", "--service-namespace", "sagemaker")
	if get(targets, "ScalableTargets", 0, "MinCapacity") != 1.0 || get(targets, "ScalableTargets", 0, "MaxCapacity") != 6.0 || count(targets, "ScalableTargets") != 1 {
		t.Errorf("describe-scalable-targets: %v", targets)
	}
	policies := aws.aasOK("describe-scaling-policies", "--service-namespace", "sagemaker", "--resource-id", "endpoint/churn/variant/current")
	if get(policies, "ScalingPolicies", 0, "TargetTrackingScalingPolicyConfiguration", "TargetValue") != 70.0 {
		t.Errorf("describe-scaling-policies: %v", policies)
	}
	if a := aws.aasOK("describe-scheduled-actions", "--service-namespace", "sagemaker"); get(a, "ScheduledActions", 0, "Schedule") != "cron(0 22 * * ? *)" {
		t.Errorf("describe-scheduled-actions: %v", a)
	}

	// The instance type of an autoscaled variant: refused.
	aws.fails("ValidationException", "UpdateEndpoint", `The variant(s) "[current]" must be deregistered as scalable targets with AWS Application Auto Scaling`,
		"update-endpoint", "--endpoint-name", "churn", "--endpoint-config-name", "churn-xlarge")
	// Only the model: allowed.
	aws.ok("update-endpoint", "--endpoint-name", "churn", "--endpoint-config-name", "churn-model2")
	clock.Advance(time.Minute)
	// The documented sequence: delete the policies, deregister, update, re-register.
	aws.aasOK(append([]string{"delete-scaling-policy", "--policy-name", "invocations"}, target...)...)
	aws.aasOK(append([]string{"deregister-scalable-target"}, target...)...)
	if _, errOut, code := aws.aasRun(append([]string{"deregister-scalable-target"}, target...)...); code == 0 || !strings.Contains(errOut, "ObjectNotFoundException") {
		t.Errorf("deregister twice: exit %d, %s", code, errOut)
	}
	if a := aws.aasOK("describe-scheduled-actions", "--service-namespace", "sagemaker"); count(a, "ScheduledActions") != 0 {
		t.Errorf("deregistering kept the scheduled action: %v", a)
	}
	aws.ok("update-endpoint", "--endpoint-name", "churn", "--endpoint-config-name", "churn-xlarge")
	clock.Advance(time.Minute)
	aws.aasOK(append([]string{"register-scalable-target", "--min-capacity", "1", "--max-capacity", "4"}, target...)...)

	// Deleting the endpoint deregisters its targets.
	aws.ok("delete-endpoint", "--endpoint-name", "churn")
	if ts := aws.aasOK("describe-scalable-targets", "--service-namespace", "sagemaker"); count(ts, "ScalableTargets") != 0 {
		t.Errorf("targets after delete-endpoint: %v", ts)
	}
}
