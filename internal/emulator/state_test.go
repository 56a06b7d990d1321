package emulator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	aastypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/emulator"
)

func TestStateFileKeepsResourcesAcrossRestarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	clock := emulator.NewFakeClock(epoch)
	start := func() (*emulator.Server, *env) { return startOnState(t, clock, path) }
	srv, e := start()
	e.model(t, "churn-v8")
	in := richConfig()
	must[*sagemaker.CreateEndpointConfigOutput](t)(e.client.CreateEndpointConfig(e.ctx, in))
	must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("churn-prod-v8"),
		Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}))
	if err := srv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no state file after Close: %v", err)
	}

	srv, e = start()
	defer srv.Close()
	out := must[*sagemaker.DescribeEndpointConfigOutput](t)(e.client.DescribeEndpointConfig(e.ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: aws.String("churn-prod-v8")}))
	sameFields(t, in, out)
	if !out.CreationTime.Equal(epoch) {
		t.Errorf("CreationTime after reload = %v", out.CreationTime)
	}
	if s := e.describe(t, "ep").EndpointStatus; s != types.EndpointStatusCreating {
		t.Errorf("endpoint after reload: %s, want still Creating", s)
	}
	e.clock.Advance(time.Minute)
	if s := e.describe(t, "ep").EndpointStatus; s != types.EndpointStatusInService {
		t.Errorf("the reloaded transition did not complete: %s", s)
	}
	if got := tagMap(t, e, "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep"); got["k"] != "v" {
		t.Errorf("tags after reload: %v", got)
	}
	if err := srv.Save(); err != nil {
		t.Errorf("Save: %v", err)
	}
}

func TestStartErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"Models": 3}`), 0o600); err != nil {
		t.Fatal(err)
	}
	partial := filepath.Join(dir, "partial.json")
	if err := os.WriteFile(partial, []byte(`{"Models": {}, "Buckets": {}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts emulator.Options
		want string
	}{
		{"remote address", emulator.Options{Addr: "0.0.0.0:0"}, `listen address "0.0.0.0:0" is not a loopback address`},
		{"host name", emulator.Options{Addr: "example.com:80"}, "not a loopback address"},
		{"no port", emulator.Options{Addr: "127.0.0.1"}, "is not host:port"},
		{"short account", emulator.Options{Account: "12345"}, `account "12345" must be 12 digits`},
		{"region", emulator.Options{Region: "US East"}, `region "US East"`},
		{"negative duration", emulator.Options{CreateDuration: -time.Second}, "must not be negative"},
		{"corrupt state", emulator.Options{StateFile: bad}, bad + " is not an emulator state file"},
		{"foreign state", emulator.Options{StateFile: partial}, `unknown member "Buckets" at the top level); delete it or pass another --state`},
		{"unreadable state", emulator.Options{StateFile: dir}, "reading emulator state"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, err := emulator.Start(tt.opts)
			if err == nil {
				srv.Close()
				t.Fatalf("Start succeeded, want an error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q lacks %q", err, tt.want)
			}
		})
	}
	srv, err := emulator.Start(emulator.Options{Addr: "localhost:0"})
	if err != nil {
		t.Fatalf("localhost: %v", err)
	}
	if err := srv.Save(); err == nil || !strings.Contains(err.Error(), "no state file") {
		t.Errorf("Save without a state file: %v", err)
	}
	srv.Close()
}

func TestOperationsAreTheIssueList(t *testing.T) {
	want := "AddTags CreateEndpoint CreateEndpointConfig CreateInferenceComponent CreateModel DeleteEndpoint DeleteEndpointConfig DeleteInferenceComponent " +
		"DeleteModel DeleteTags DescribeEndpoint DescribeEndpointConfig DescribeInferenceComponent DescribeModel ListEndpointConfigs ListEndpoints " +
		"ListInferenceComponents ListModels ListTags UpdateEndpoint UpdateEndpointWeightsAndCapacities UpdateInferenceComponent UpdateInferenceComponentRuntimeConfig"
	ops := emulator.Operations()
	if got := strings.Join(ops, " "); got != want {
		t.Errorf("Operations() = %s", got)
	}
}

// TestStateFileKeepsAutoscaling: scalable targets, with their tags, policies and
// scheduled actions, survive a restart on a state file, and the restarted emulator still
// refuses the instance-type change of the autoscaled variant.
func TestStateFileKeepsAutoscaling(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	clock := emulator.NewFakeClock(epoch)
	start := func() (*emulator.Server, *env, *applicationautoscaling.Client) {
		srv, e := startOnState(t, clock, path)
		return srv, e, newAASClient(srv.URL())
	}
	srv, e, c := start()
	e.model(t, "m")
	e.config(t, "small", "m")
	must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("small")}))
	e.clock.Advance(time.Minute)
	ns, dim, id := aastypes.ServiceNamespaceSagemaker, aastypes.ScalableDimensionSageMakerVariantDesiredInstanceCount, aws.String("endpoint/ep/variant/va")
	must[*applicationautoscaling.RegisterScalableTargetOutput](t)(c.RegisterScalableTarget(e.ctx, &applicationautoscaling.RegisterScalableTargetInput{ServiceNamespace: ns, ResourceId: id,
		ScalableDimension: dim, MinCapacity: aws.Int32(1), MaxCapacity: aws.Int32(3), Tags: map[string]string{"team": "churn"}}))
	must[*applicationautoscaling.PutScalingPolicyOutput](t)(c.PutScalingPolicy(e.ctx, &applicationautoscaling.PutScalingPolicyInput{PolicyName: aws.String("p"), ServiceNamespace: ns,
		ResourceId: id, ScalableDimension: dim, PolicyType: aastypes.PolicyTypeTargetTrackingScaling,
		TargetTrackingScalingPolicyConfiguration: &aastypes.TargetTrackingScalingPolicyConfiguration{TargetValue: aws.Float64(70),
			PredefinedMetricSpecification: &aastypes.PredefinedMetricSpecification{PredefinedMetricType: aastypes.MetricTypeSageMakerVariantInvocationsPerInstance}}}))
	must[*applicationautoscaling.PutScheduledActionOutput](t)(c.PutScheduledAction(e.ctx, &applicationautoscaling.PutScheduledActionInput{ScheduledActionName: aws.String("nightly"),
		ServiceNamespace: ns, ResourceId: id, ScalableDimension: dim, Schedule: aws.String("cron(0 22 * * ? *)")}))
	if err := srv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	srv, e, c = start()
	defer srv.Close()
	ts := must[*applicationautoscaling.DescribeScalableTargetsOutput](t)(c.DescribeScalableTargets(e.ctx, &applicationautoscaling.DescribeScalableTargetsInput{ServiceNamespace: ns}))
	if len(ts.ScalableTargets) != 1 || aws.ToInt32(ts.ScalableTargets[0].MaxCapacity) != 3 {
		t.Fatalf("targets after reload: %+v", ts.ScalableTargets)
	}
	tags := must[*applicationautoscaling.ListTagsForResourceOutput](t)(c.ListTagsForResource(e.ctx, &applicationautoscaling.ListTagsForResourceInput{ResourceARN: ts.ScalableTargets[0].ScalableTargetARN}))
	if tags.Tags["team"] != "churn" {
		t.Errorf("target tags after reload: %v", tags.Tags)
	}
	ps := must[*applicationautoscaling.DescribeScalingPoliciesOutput](t)(c.DescribeScalingPolicies(e.ctx, &applicationautoscaling.DescribeScalingPoliciesInput{ServiceNamespace: ns}))
	as := must[*applicationautoscaling.DescribeScheduledActionsOutput](t)(c.DescribeScheduledActions(e.ctx, &applicationautoscaling.DescribeScheduledActionsInput{ServiceNamespace: ns}))
	if len(ps.ScalingPolicies) != 1 || len(as.ScheduledActions) != 1 {
		t.Errorf("after reload: %d policies, %d scheduled actions", len(ps.ScalingPolicies), len(as.ScheduledActions))
	}
	must[*sagemaker.CreateEndpointConfigOutput](t)(e.client.CreateEndpointConfig(e.ctx, &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String("big"),
		ProductionVariants: []types.ProductionVariant{{VariantName: aws.String("va"), ModelName: aws.String("m"),
			InstanceType: types.ProductionVariantInstanceTypeMlC5Xlarge, InitialInstanceCount: aws.Int32(1)}}}))
	_, err := e.client.UpdateEndpoint(e.ctx, &sagemaker.UpdateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("big")})
	apiErr(t, err, "ValidationException", `The variant(s) "[va]" must be deregistered`)
}

// TestStateFileKeepsInferenceComponents: a component, and one still being created,
// survive a restart on a state file; the pending create completes after it.
func TestStateFileKeepsInferenceComponents(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	clock := emulator.NewFakeClock(epoch)
	start := func() (*emulator.Server, *env) { return startOnState(t, clock, path) }
	srv, e := start()
	e.model(t, "m1")
	e.icEndpoint(t, "llm")
	must[*sagemaker.CreateInferenceComponentOutput](t)(e.client.CreateInferenceComponent(e.ctx, component("chat", "llm", "m1", 2)))
	e.clock.Advance(time.Minute)
	must[*sagemaker.CreateInferenceComponentOutput](t)(e.client.CreateInferenceComponent(e.ctx, component("summarize", "llm", "m1", 1)))
	if err := srv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	srv, e = start()
	defer srv.Close()
	if d := e.describeIC(t, "chat"); d.InferenceComponentStatus != types.InferenceComponentStatusInService || aws.ToInt32(d.RuntimeConfig.CurrentCopyCount) != 2 {
		t.Errorf("chat after reload: %s %+v", d.InferenceComponentStatus, d.RuntimeConfig)
	}
	if d := e.describeIC(t, "summarize"); d.InferenceComponentStatus != types.InferenceComponentStatusCreating {
		t.Errorf("summarize after reload: %s, want still Creating", d.InferenceComponentStatus)
	}
	e.clock.Advance(time.Minute)
	if d := e.describeIC(t, "summarize"); d.InferenceComponentStatus != types.InferenceComponentStatusInService {
		t.Errorf("the reloaded create did not complete: %s", d.InferenceComponentStatus)
	}
}

// startOnState starts an emulator on clock that loads and saves the state file path.
func startOnState(t *testing.T, clock *emulator.FakeClock, path string) (*emulator.Server, *env) {
	t.Helper()
	srv, err := emulator.Start(emulator.Options{Clock: clock, StateFile: path, CreateDuration: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	return srv, &env{srv: srv, clock: clock, client: newClient(srv.URL(), aws.NopRetryer{}), ctx: t.Context()}
}
