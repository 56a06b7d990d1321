package emulator_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/emulator"
)

// deployed creates models a and b, configs cfg-a (model a) and cfg-b (models a and b), and an
// InService endpoint "ep" on cfg-a.
func deployed(t *testing.T, e *env) {
	t.Helper()
	e.model(t, "a")
	e.model(t, "b")
	e.config(t, "cfg-a", "a")
	e.config(t, "cfg-b", "a", "b")
	must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("cfg-a")}))
	e.clock.Advance(time.Minute)
	if s := e.describe(t, "ep").EndpointStatus; s != types.EndpointStatusInService {
		t.Fatalf("endpoint is %s after its create duration, want InService", s)
	}
}

func (e *env) update(t *testing.T, in *sagemaker.UpdateEndpointInput) {
	t.Helper()
	if in.EndpointName == nil {
		in.EndpointName = aws.String("ep")
	}
	if _, err := e.client.UpdateEndpoint(e.ctx, in); err != nil {
		t.Fatalf("UpdateEndpoint: %v", err)
	}
}

func TestCreateEndpointLifecycle(t *testing.T) {
	e := newEnv(t)
	e.model(t, "a")
	e.config(t, "cfg-a", "a")
	out := must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{
		EndpointName: aws.String("Ep"), EndpointConfigName: aws.String("cfg-a"),
		DeploymentConfig: &types.DeploymentConfig{RollingUpdatePolicy: &types.RollingUpdatePolicy{
			MaximumBatchSize:      &types.CapacitySize{Type: types.CapacitySizeTypeCapacityPercent, Value: aws.Int32(10)},
			WaitIntervalInSeconds: aws.Int32(60),
		}},
	}))
	if aws.ToString(out.EndpointArn) != "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep" {
		t.Errorf("EndpointArn = %q", aws.ToString(out.EndpointArn))
	}
	d := e.describe(t, "ep")
	if d.EndpointStatus != types.EndpointStatusCreating || aws.ToString(d.EndpointName) != "Ep" || aws.ToString(d.EndpointConfigName) != "cfg-a" {
		t.Fatalf("just created: %s %q %q", d.EndpointStatus, aws.ToString(d.EndpointName), aws.ToString(d.EndpointConfigName))
	}
	if v := d.ProductionVariants[0]; v.CurrentWeight != nil || aws.ToFloat32(v.DesiredWeight) != 1 || aws.ToInt32(v.DesiredInstanceCount) != 1 {
		t.Errorf("creating variant: current weight %v, desired %v/%v", v.CurrentWeight, aws.ToFloat32(v.DesiredWeight), aws.ToInt32(v.DesiredInstanceCount))
	}
	e.clock.Advance(time.Minute - time.Second)
	if s := e.describe(t, "ep").EndpointStatus; s != types.EndpointStatusCreating {
		t.Fatalf("status before the create duration = %s", s)
	}
	e.clock.Advance(time.Second)
	d = e.describe(t, "ep")
	v := d.ProductionVariants[0]
	if d.EndpointStatus != types.EndpointStatusInService || aws.ToFloat32(v.CurrentWeight) != 1 || aws.ToInt32(v.CurrentInstanceCount) != 1 {
		t.Fatalf("after create: %s, weight %v count %v", d.EndpointStatus, aws.ToFloat32(v.CurrentWeight), aws.ToInt32(v.CurrentInstanceCount))
	}
	if !d.CreationTime.Equal(epoch) || !d.LastModifiedTime.Equal(epoch.Add(time.Minute)) || d.FailureReason != nil {
		t.Errorf("times %v %v, failure %v", d.CreationTime, d.LastModifiedTime, d.FailureReason)
	}
	if d.LastDeploymentConfig == nil || aws.ToInt32(d.LastDeploymentConfig.RollingUpdatePolicy.WaitIntervalInSeconds) != 60 {
		t.Errorf("LastDeploymentConfig = %#v", d.LastDeploymentConfig)
	}
	_, err := e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("EP"), EndpointConfigName: aws.String("cfg-a")})
	apiErr(t, err, "ValidationException", `Cannot create already existing endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep"`)
	_, err = e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("other"), EndpointConfigName: aws.String("ghost")})
	apiErr(t, err, "ValidationException", `Could not find endpoint configuration "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/ghost"`)
	_, err = e.client.DescribeEndpoint(e.ctx, &sagemaker.DescribeEndpointInput{EndpointName: aws.String("ghost")})
	apiErr(t, err, "ValidationException", `Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ghost".`)
}

func TestUpdateEndpointMovesToNewConfigOnlyWhenDone(t *testing.T) {
	e := newEnv(t)
	deployed(t, e)
	e.update(t, &sagemaker.UpdateEndpointInput{EndpointConfigName: aws.String("cfg-b")})
	d := e.describe(t, "ep")
	if d.EndpointStatus != types.EndpointStatusUpdating || aws.ToString(d.EndpointConfigName) != "cfg-a" || len(d.ProductionVariants) != 1 {
		t.Fatalf("while updating: %s on %q with %d variants; want Updating on cfg-a with 1", d.EndpointStatus, aws.ToString(d.EndpointConfigName), len(d.ProductionVariants))
	}
	_, err := e.client.UpdateEndpoint(e.ctx, &sagemaker.UpdateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("cfg-a")})
	apiErr(t, err, "ValidationException", "Cannot update in-progress endpoint")
	_, err = e.client.UpdateEndpointWeightsAndCapacities(e.ctx, &sagemaker.UpdateEndpointWeightsAndCapacitiesInput{EndpointName: aws.String("ep"),
		DesiredWeightsAndCapacities: []types.DesiredWeightAndCapacity{{VariantName: aws.String("va"), DesiredWeight: aws.Float32(1)}}})
	apiErr(t, err, "ValidationException", "Cannot update in-progress endpoint")
	_, err = e.client.DeleteEndpoint(e.ctx, &sagemaker.DeleteEndpointInput{EndpointName: aws.String("ep")})
	apiErr(t, err, "ValidationException", "Cannot delete in-progress endpoint")

	e.clock.Advance(time.Minute)
	d = e.describe(t, "ep")
	if d.EndpointStatus != types.EndpointStatusInService || aws.ToString(d.EndpointConfigName) != "cfg-b" || len(d.ProductionVariants) != 2 {
		t.Fatalf("after update: %s on %q with %d variants", d.EndpointStatus, aws.ToString(d.EndpointConfigName), len(d.ProductionVariants))
	}
	if w := aws.ToFloat32(d.ProductionVariants[1].CurrentWeight); w != 2 {
		t.Errorf("new variant weight = %v, want the config's initial weight 2", w)
	}
	if !d.LastModifiedTime.Equal(epoch.Add(2 * time.Minute)) {
		t.Errorf("LastModifiedTime = %v", d.LastModifiedTime)
	}
}

func TestUpdateRetainsVariantProperties(t *testing.T) {
	e := newEnv(t)
	deployed(t, e)
	must[*sagemaker.UpdateEndpointWeightsAndCapacitiesOutput](t)(e.client.UpdateEndpointWeightsAndCapacities(e.ctx, &sagemaker.UpdateEndpointWeightsAndCapacitiesInput{
		EndpointName: aws.String("ep"), DesiredWeightsAndCapacities: []types.DesiredWeightAndCapacity{{VariantName: aws.String("va"), DesiredWeight: aws.Float32(5), DesiredInstanceCount: aws.Int32(4)}}}))
	e.clock.Advance(time.Minute)
	e.update(t, &sagemaker.UpdateEndpointInput{EndpointConfigName: aws.String("cfg-b"), RetainAllVariantProperties: aws.Bool(true),
		ExcludeRetainedVariantProperties: []types.VariantProperty{{VariantPropertyType: types.VariantPropertyTypeDesiredWeight}}})
	e.clock.Advance(time.Minute)
	v := e.describe(t, "ep").ProductionVariants[0]
	if aws.ToInt32(v.CurrentInstanceCount) != 4 || aws.ToFloat32(v.CurrentWeight) != 1 {
		t.Errorf("retained count %d (want 4), weight %v (excluded: want the config's 1)", aws.ToInt32(v.CurrentInstanceCount), aws.ToFloat32(v.CurrentWeight))
	}
}

func TestUpdateWeightsAndCapacities(t *testing.T) {
	e := newEnv(t)
	deployed(t, e)
	e.update(t, &sagemaker.UpdateEndpointInput{EndpointConfigName: aws.String("cfg-b")})
	e.clock.Advance(time.Minute)
	must[*sagemaker.UpdateEndpointWeightsAndCapacitiesOutput](t)(e.client.UpdateEndpointWeightsAndCapacities(e.ctx, &sagemaker.UpdateEndpointWeightsAndCapacitiesInput{
		EndpointName: aws.String("ep"), DesiredWeightsAndCapacities: []types.DesiredWeightAndCapacity{
			{VariantName: aws.String("va"), DesiredWeight: aws.Float32(0)},
			{VariantName: aws.String("vb"), DesiredWeight: aws.Float32(3), DesiredInstanceCount: aws.Int32(5)},
		}}))
	d := e.describe(t, "ep")
	a, b := d.ProductionVariants[0], d.ProductionVariants[1]
	if d.EndpointStatus != types.EndpointStatusUpdating || aws.ToFloat32(a.DesiredWeight) != 0 || aws.ToFloat32(a.CurrentWeight) != 1 ||
		aws.ToFloat32(b.DesiredWeight) != 3 || aws.ToInt32(b.DesiredInstanceCount) != 5 || aws.ToInt32(b.CurrentInstanceCount) != 2 {
		t.Fatalf("while updating: %s a=%v/%v b=%v/%v count %d/%d", d.EndpointStatus, aws.ToFloat32(a.CurrentWeight), aws.ToFloat32(a.DesiredWeight),
			aws.ToFloat32(b.CurrentWeight), aws.ToFloat32(b.DesiredWeight), aws.ToInt32(b.CurrentInstanceCount), aws.ToInt32(b.DesiredInstanceCount))
	}
	e.clock.Advance(time.Minute)
	d = e.describe(t, "ep")
	a, b = d.ProductionVariants[0], d.ProductionVariants[1]
	if d.EndpointStatus != types.EndpointStatusInService || aws.ToFloat32(a.CurrentWeight) != 0 || aws.ToFloat32(b.CurrentWeight) != 3 ||
		aws.ToInt32(b.CurrentInstanceCount) != 5 || aws.ToString(d.EndpointConfigName) != "cfg-b" {
		t.Fatalf("after: %s a=%v b=%v count %d", d.EndpointStatus, aws.ToFloat32(a.CurrentWeight), aws.ToFloat32(b.CurrentWeight), aws.ToInt32(b.CurrentInstanceCount))
	}
	_, err := e.client.UpdateEndpointWeightsAndCapacities(e.ctx, &sagemaker.UpdateEndpointWeightsAndCapacitiesInput{EndpointName: aws.String("ep"),
		DesiredWeightsAndCapacities: []types.DesiredWeightAndCapacity{{VariantName: aws.String("nope"), DesiredWeight: aws.Float32(1)}}})
	apiErr(t, err, "ValidationException", `The variant "nope" is not present in endpoint`)
	_, err = e.client.UpdateEndpointWeightsAndCapacities(e.ctx, &sagemaker.UpdateEndpointWeightsAndCapacitiesInput{EndpointName: aws.String("ghost"),
		DesiredWeightsAndCapacities: []types.DesiredWeightAndCapacity{{VariantName: aws.String("va"), DesiredWeight: aws.Float32(1)}}})
	apiErr(t, err, "ValidationException", `Could not find endpoint`)
}

func TestDeleteEndpointLifecycle(t *testing.T) {
	e := newEnv(t)
	deployed(t, e)
	must[*sagemaker.DeleteEndpointOutput](t)(e.client.DeleteEndpoint(e.ctx, &sagemaker.DeleteEndpointInput{EndpointName: aws.String("ep")}))
	if s := e.describe(t, "ep").EndpointStatus; s != types.EndpointStatusDeleting {
		t.Fatalf("status after DeleteEndpoint = %s, want Deleting", s)
	}
	_, err := e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("cfg-a")})
	apiErr(t, err, "ValidationException", "Cannot create already existing endpoint")
	e.clock.Advance(time.Minute)
	_, err = e.client.DescribeEndpoint(e.ctx, &sagemaker.DescribeEndpointInput{EndpointName: aws.String("ep")})
	apiErr(t, err, "ValidationException", "Could not find endpoint")
	_, err = e.client.DeleteEndpoint(e.ctx, &sagemaker.DeleteEndpointInput{EndpointName: aws.String("ep")})
	apiErr(t, err, "ValidationException", "Could not find endpoint")
	// The config and models are left behind, as on the real service.
	must[*sagemaker.DescribeEndpointConfigOutput](t)(e.client.DescribeEndpointConfig(e.ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: aws.String("cfg-a")}))
}

func TestEndpointFailsToCreate(t *testing.T) {
	e := newEnv(t)
	e.srv.FailEndpoint(emulator.EndpointFault{Outcome: emulator.FailCreate, Endpoint: "EP", Reason: "ping health check failed", Times: 1})
	deployedErr := func() {
		e.model(t, "a")
		e.config(t, "cfg-a", "a")
		must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("other"), EndpointConfigName: aws.String("cfg-a")}))
		must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("cfg-a")}))
	}
	deployedErr()
	e.clock.Advance(time.Minute)
	d := e.describe(t, "ep")
	if d.EndpointStatus != types.EndpointStatusFailed || aws.ToString(d.FailureReason) != "ping health check failed" {
		t.Fatalf("ep: %s %q, want Failed with the reason", d.EndpointStatus, aws.ToString(d.FailureReason))
	}
	if s := e.describe(t, "other").EndpointStatus; s != types.EndpointStatusInService {
		t.Errorf("the fault named ep, but other is %s", s)
	}
	_, err := e.client.UpdateEndpoint(e.ctx, &sagemaker.UpdateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("cfg-a")})
	apiErr(t, err, "ValidationException", "DeleteEndpoint is the only operation")
	must[*sagemaker.DeleteEndpointOutput](t)(e.client.DeleteEndpoint(e.ctx, &sagemaker.DeleteEndpointInput{EndpointName: aws.String("ep")}))
	e.clock.Advance(time.Minute)
	// Times: 1 is spent: the same name now creates fine.
	must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("cfg-a")}))
	e.clock.Advance(time.Minute)
	if s := e.describe(t, "ep").EndpointStatus; s != types.EndpointStatusInService {
		t.Errorf("second create: %s", s)
	}
}

func TestEndpointFailsToUpdate(t *testing.T) {
	e := newEnv(t)
	deployed(t, e)
	e.srv.FailEndpoint(emulator.EndpointFault{Outcome: emulator.FailUpdate})
	e.update(t, &sagemaker.UpdateEndpointInput{EndpointConfigName: aws.String("cfg-b")})
	e.clock.Advance(time.Minute)
	d := e.describe(t, "ep")
	if d.EndpointStatus != types.EndpointStatusFailed || d.FailureReason == nil || aws.ToString(d.EndpointConfigName) != "cfg-a" {
		t.Fatalf("%s %q on %q, want Failed with a default reason on cfg-a", d.EndpointStatus, aws.ToString(d.FailureReason), aws.ToString(d.EndpointConfigName))
	}
}

func TestSilentRollbackOnUpdate(t *testing.T) {
	e := newEnv(t)
	deployed(t, e)
	e.srv.FailEndpoint(emulator.EndpointFault{Outcome: emulator.RollbackUpdate, Reason: "alarm fired", Times: 1})
	e.update(t, &sagemaker.UpdateEndpointInput{EndpointConfigName: aws.String("cfg-b")})
	if s := e.describe(t, "ep").EndpointStatus; s != types.EndpointStatusUpdating {
		t.Fatalf("status right after UpdateEndpoint = %s", s)
	}
	e.clock.Advance(time.Minute)
	d := e.describe(t, "ep")
	if d.EndpointStatus != types.EndpointStatusInService || aws.ToString(d.EndpointConfigName) != "cfg-a" || aws.ToString(d.FailureReason) != "alarm fired" || len(d.ProductionVariants) != 1 {
		t.Fatalf("after the rollback: %s on %q, reason %q, %d variants; want InService on the OLD cfg-a with the reason",
			d.EndpointStatus, aws.ToString(d.EndpointConfigName), aws.ToString(d.FailureReason), len(d.ProductionVariants))
	}
	if !d.LastModifiedTime.Equal(epoch.Add(2 * time.Minute)) {
		t.Errorf("LastModifiedTime = %v, want it advanced by the rollback", d.LastModifiedTime)
	}
	// The next update succeeds and clears the reason.
	e.update(t, &sagemaker.UpdateEndpointInput{EndpointConfigName: aws.String("cfg-b")})
	e.clock.Advance(time.Minute)
	d = e.describe(t, "ep")
	if aws.ToString(d.EndpointConfigName) != "cfg-b" || d.FailureReason != nil {
		t.Errorf("second update: on %q, reason %v", aws.ToString(d.EndpointConfigName), d.FailureReason)
	}
}

func TestDescribeEndpointShowsDeployedConfigFeatures(t *testing.T) {
	e := newEnv(t)
	e.model(t, "churn-v8")
	must[*sagemaker.CreateEndpointConfigOutput](t)(e.client.CreateEndpointConfig(e.ctx, richConfig()))
	must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("churn-prod-v8")}))
	e.clock.Advance(time.Minute)
	d := e.describe(t, "ep")
	if d.AsyncInferenceConfig != nil {
		t.Errorf("AsyncInferenceConfig = %#v, but the config has none", d.AsyncInferenceConfig)
	}
	if dc := d.DataCaptureConfig; dc == nil || dc.CaptureStatus != types.CaptureStatusStarted || aws.ToInt32(dc.CurrentSamplingPercentage) != 20 {
		t.Errorf("DataCaptureConfig = %#v", d.DataCaptureConfig)
	}
	if len(d.ShadowProductionVariants) != 1 || aws.ToFloat32(d.ShadowProductionVariants[0].CurrentWeight) != 0.1 {
		t.Errorf("ShadowProductionVariants = %#v", d.ShadowProductionVariants)
	}
	for _, in := range []*sagemaker.CreateEndpointConfigInput{asyncConfig(), serverlessConfig()} {
		must[*sagemaker.CreateEndpointConfigOutput](t)(e.client.CreateEndpointConfig(e.ctx, in))
		must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: in.EndpointConfigName, EndpointConfigName: in.EndpointConfigName}))
	}
	e.clock.Advance(time.Minute)
	if d := e.describe(t, "churn-async"); d.AsyncInferenceConfig == nil || aws.ToString(d.AsyncInferenceConfig.OutputConfig.S3OutputPath) != "s3://async/out" {
		t.Errorf("AsyncInferenceConfig = %#v", d.AsyncInferenceConfig)
	}
	if sv := e.describe(t, "churn-serverless").ProductionVariants[0]; sv.CurrentServerlessConfig == nil || aws.ToInt32(sv.CurrentServerlessConfig.MemorySizeInMB) != 2048 || sv.CurrentInstanceCount != nil {
		t.Errorf("serverless variant = %#v", sv)
	}
}

// Many clients at once: every answer is whole (run with -race to check the locking too).
func TestConcurrentClients(t *testing.T) {
	e := newEnv(t)
	deployed(t, e)
	arn := "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep"
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				key := fmt.Sprintf("g%d-%d", g, i)
				if _, err := e.client.AddTags(e.ctx, &sagemaker.AddTagsInput{ResourceArn: aws.String(arn), Tags: []types.Tag{{Key: aws.String(key), Value: aws.String("v")}}}); err != nil {
					errs <- err
				}
				if _, err := e.client.DeleteTags(e.ctx, &sagemaker.DeleteTagsInput{ResourceArn: aws.String(arn), TagKeys: []string{key}}); err != nil {
					errs <- err
				}
				if _, err := e.client.DescribeEndpoint(e.ctx, &sagemaker.DescribeEndpointInput{EndpointName: aws.String("ep")}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := e.srv.Calls("AddTags"); n != 80 {
		t.Errorf("AddTags calls = %d, want 80", n)
	}
	if tags := tagMap(t, e, arn); len(tags) != 0 {
		t.Errorf("tags left: %v", tags)
	}
}
