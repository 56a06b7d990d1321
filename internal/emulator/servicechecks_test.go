package emulator_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// rejected is a request's error and what its message must contain.
type rejected struct {
	name string
	err  error
	want string
}

// TestServerSideChecks sends, through the SDK, each request SageMaker rejects beyond the
// model's traits (the lint rules of severity error whose sources say so), and each of
// them corrected, which the emulator must accept.
func TestServerSideChecks(t *testing.T) {
	e := newEnv(t)
	e.model(t, "m")
	serverless := func(mem, maxConc int32, provisioned *int32) types.ProductionVariant {
		return types.ProductionVariant{VariantName: aws.String("s"), ModelName: aws.String("m"),
			ServerlessConfig: &types.ProductionVariantServerlessConfig{MemorySizeInMB: aws.Int32(mem), MaxConcurrency: aws.Int32(maxConc), ProvisionedConcurrency: provisioned}}
	}
	instance := func(name string, weight *float32) types.ProductionVariant {
		return types.ProductionVariant{VariantName: aws.String(name), ModelName: aws.String("m"),
			InstanceType: types.ProductionVariantInstanceTypeMlM5Large, InitialInstanceCount: aws.Int32(1), InitialVariantWeight: weight}
	}
	config := func(name string, mod func(*sagemaker.CreateEndpointConfigInput), vs ...types.ProductionVariant) error {
		in := &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String(name), ProductionVariants: vs}
		if mod != nil {
			mod(in)
		}
		_, err := e.client.CreateEndpointConfig(e.ctx, in)
		return err
	}
	kms := func(id string) func(*sagemaker.CreateEndpointConfigInput) {
		return func(in *sagemaker.CreateEndpointConfigInput) { in.KmsKeyId = aws.String(id) }
	}
	withInstance := serverless(2048, 5, nil)
	withInstance.InstanceType = types.ProductionVariantInstanceTypeMlM5Large
	pools := instance("p", nil)
	pools.InstancePools = []types.InstancePool{{InstanceType: types.ProductionVariantInstanceTypeMlC5Large, Priority: aws.Int32(1)}}
	scaling := instance("ms", nil)
	scaling.ManagedInstanceScaling = &types.ProductionVariantManagedInstanceScaling{Status: types.ManagedInstanceScalingStatusEnabled, MinInstanceCount: aws.Int32(1), MaxInstanceCount: aws.Int32(2)}

	bad := []rejected{
		{"serverless memory off the 1 GB steps", config("mem", nil, serverless(3000, 5, nil)),
			"1 validation error detected: Value '3000' at 'productionVariants.1.member.serverlessConfig.memorySizeInMB' failed to satisfy constraint: Member must satisfy enum value set: [1024, 2048, 3072, 4096, 5120, 6144]"},
		{"serverless memory out of range", config("mem", nil, serverless(8192, 5, nil)),
			"1 validation error detected: Value '8192' at 'productionVariants.1.member.serverlessConfig.memorySizeInMB' failed to satisfy constraint: Member must have value less than or equal to 6144"},
		{"integer enum", config("metrics", func(in *sagemaker.CreateEndpointConfigInput) {
			in.MetricsConfig = &types.MetricsConfig{EnableEnhancedMetrics: aws.Bool(true), MetricPublishFrequencyInSeconds: types.MetricPublishFrequencyInSeconds(15)}
		}, instance("a", nil)), "Value '15' at 'metricsConfig.metricPublishFrequencyInSeconds' failed to satisfy constraint: Member must satisfy enum value set: [10, 30, 60, 120, 180, 240, 300]"},
		{"provisioned above max concurrency", config("prov", nil, serverless(2048, 5, aws.Int32(6))),
			"ProvisionedConcurrency 6 at 'productionVariants.1.member.serverlessConfig.provisionedConcurrency' must be less than or equal to MaxConcurrency 5."},
		{"all-zero weights", config("zero", nil, instance("a", aws.Float32(0)), instance("b", aws.Float32(0))),
			"The sum of the InitialVariantWeight of all production variants is 0"},
		{"KMS key that is no key reference", config("kms", kms("my-prod-key"), instance("a", nil)),
			"Invalid KMS key 'my-prod-key' at 'kmsKeyId': expected a key ID"},
		{"data capture KMS key", config("kms", func(in *sagemaker.CreateEndpointConfigInput) {
			in.DataCaptureConfig = &types.DataCaptureConfig{InitialSamplingPercentage: aws.Int32(10), DestinationS3Uri: aws.String("s3://bucket/capture"),
				CaptureOptions: []types.CaptureOption{{CaptureMode: types.CaptureModeInput}}, KmsKeyId: aws.String("arn:aws:kms:us-east-1:123456789012:aliases/x")}
		}, instance("a", nil)), "at 'dataCaptureConfig.kmsKeyId'"},
		{"serverless with an instance type", config("mixed", nil, withInstance),
			"The production variant at 'productionVariants.1.member' sets both ServerlessConfig and InstanceType"},
		{"instance type and pools", config("pools", nil, pools),
			"sets both InstanceType and InstancePools"},
		{"managed scaling on a model variant", config("ms", nil, scaling),
			"ManagedInstanceScaling is only supported for inference component endpoints."},
	}
	_, err := e.client.CreateModel(e.ctx, &sagemaker.CreateModelInput{ModelName: aws.String("both"),
		PrimaryContainer: &types.ContainerDefinition{Image: aws.String("i")}, Containers: []types.ContainerDefinition{{Image: aws.String("i")}}})
	bad = append(bad, rejected{"both container forms", err, `Either PrimaryContainer or Containers must be specified for model "both", not both.`})
	_, err = e.client.CreateModel(e.ctx, &sagemaker.CreateModelInput{ModelName: aws.String("mm"),
		Containers: []types.ContainerDefinition{{Image: aws.String("i"), Mode: types.ContainerModeMultiModel}, {Image: aws.String("j"), Mode: types.ContainerModeMultiModel}}})
	bad = append(bad, rejected{"two multi-model containers", err, "More than one container in MultiModel mode is not supported with inference pipeline."})
	both := &types.DeploymentConfig{
		BlueGreenUpdatePolicy: &types.BlueGreenUpdatePolicy{TrafficRoutingConfiguration: &types.TrafficRoutingConfig{Type: types.TrafficRoutingConfigTypeAllAtOnce, WaitIntervalInSeconds: aws.Int32(0)}},
		RollingUpdatePolicy: &types.RollingUpdatePolicy{MaximumBatchSize: &types.CapacitySize{Type: types.CapacitySizeTypeInstanceCount, Value: aws.Int32(1)},
			WaitIntervalInSeconds: aws.Int32(0)},
	}
	_, err = e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("e"), EndpointConfigName: aws.String("c"), DeploymentConfig: both})
	bad = append(bad, rejected{"create: two deployment policies", err, "DeploymentConfig specifies both BlueGreenUpdatePolicy and RollingUpdatePolicy"})
	_, err = e.client.UpdateEndpoint(e.ctx, &sagemaker.UpdateEndpointInput{EndpointName: aws.String("e"), EndpointConfigName: aws.String("c"), DeploymentConfig: both})
	bad = append(bad, rejected{"update: two deployment policies", err, "DeploymentConfig specifies both BlueGreenUpdatePolicy and RollingUpdatePolicy"})
	_, err = e.client.UpdateEndpointWeightsAndCapacities(e.ctx, &sagemaker.UpdateEndpointWeightsAndCapacitiesInput{EndpointName: aws.String("e"),
		DesiredWeightsAndCapacities: []types.DesiredWeightAndCapacity{{VariantName: aws.String("s"),
			ServerlessUpdateConfig: &types.ProductionVariantServerlessUpdateConfig{MaxConcurrency: aws.Int32(2), ProvisionedConcurrency: aws.Int32(3)}}}})
	bad = append(bad, rejected{"re-weight: provisioned above max", err, "ProvisionedConcurrency 3 at 'desiredWeightsAndCapacities.1.member.serverlessUpdateConfig.provisionedConcurrency' must be less than or equal to MaxConcurrency 2."})
	canary := &types.DeploymentConfig{BlueGreenUpdatePolicy: &types.BlueGreenUpdatePolicy{TrafficRoutingConfiguration: &types.TrafficRoutingConfig{
		Type: types.TrafficRoutingConfigTypeCanary, WaitIntervalInSeconds: aws.Int32(60),
		CanarySize: &types.CapacitySize{Type: types.CapacitySizeTypeCapacityPercent, Value: aws.Int32(80)}}}}
	_, err = e.client.UpdateEndpoint(e.ctx, &sagemaker.UpdateEndpointInput{EndpointName: aws.String("e"), EndpointConfigName: aws.String("c"), DeploymentConfig: canary})
	bad = append(bad, rejected{"canary above 50%", err,
		"CanarySize at 'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.canarySize' is 80% of the variant's instances: it must be at most 50%."})
	rolling := &types.DeploymentConfig{RollingUpdatePolicy: &types.RollingUpdatePolicy{WaitIntervalInSeconds: aws.Int32(60),
		MaximumBatchSize: &types.CapacitySize{Type: types.CapacitySizeTypeCapacityPercent, Value: aws.Int32(2)}}}
	_, err = e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("e"), EndpointConfigName: aws.String("c"), DeploymentConfig: rolling})
	bad = append(bad, rejected{"rolling batch below 5%", err, "it must be between 5% and 50%."})
	shadow := func(in *sagemaker.CreateEndpointConfigInput) {
		in.ShadowProductionVariants = []types.ProductionVariant{instance("shadow", nil)}
	}
	async := func(in *sagemaker.CreateEndpointConfigInput) {
		in.AsyncInferenceConfig = &types.AsyncInferenceConfig{OutputConfig: &types.AsyncInferenceOutputConfig{S3OutputPath: aws.String("s3://bucket/out")}}
	}
	inf1 := instance("a", nil)
	inf1.InstanceType = types.ProductionVariantInstanceTypeMlInf1Xlarge
	bad = append(bad,
		rejected{"serverless with two variants", config("two", nil, serverless(2048, 5, nil), instance("b", nil)), "A serverless endpoint configuration supports one production variant, not 2."},
		rejected{"serverless with data capture", config("capture", func(in *sagemaker.CreateEndpointConfigInput) {
			in.DataCaptureConfig = &types.DataCaptureConfig{InitialSamplingPercentage: aws.Int32(10), DestinationS3Uri: aws.String("s3://bucket/capture"),
				CaptureOptions: []types.CaptureOption{{CaptureMode: types.CaptureModeInput}}}
		}, serverless(2048, 5, nil)), "DataCaptureConfig is not supported for serverless endpoints."},
		rejected{"cross-Region cap with async", config("xr", func(in *sagemaker.CreateEndpointConfigInput) {
			async(in)
			in.CrossRegionTrafficConfig = &types.CrossRegionTrafficConfig{MaxCrossRegionPercentPerEndpoint: aws.Int32(50), MaxInvocationsPerSecondPerInstance: aws.Int32(10)}
		}, instance("a", nil)), "CrossRegionTrafficConfig cannot be specified with serverless variants or with AsyncInferenceConfig."},
		rejected{"shadow with async", config("sa", func(in *sagemaker.CreateEndpointConfigInput) { shadow(in); async(in) }, instance("a", nil)),
			"ShadowProductionVariants are not supported with serverless variants or with AsyncInferenceConfig."},
		rejected{"shadow with Inf1", config("si", shadow, inf1), `ShadowProductionVariants are not supported with Inf1 instances or Elastic Inference (variant "a").`},
	)
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) { apiErr(t, b.err, "ValidationException", b.want) })
	}

	good := []struct {
		name string
		err  error
	}{
		{"serverless 3072 with provisioned concurrency", config("mem", nil, serverless(3072, 5, aws.Int32(5)))},
		{"one weight above 0", config("weights", nil, instance("a", aws.Float32(0)), instance("b", nil))},
		{"KMS alias, key ARN and key ID", config("kms", func(in *sagemaker.CreateEndpointConfigInput) {
			in.KmsKeyId = aws.String("alias/sagemaker")
			in.AsyncInferenceConfig = &types.AsyncInferenceConfig{OutputConfig: &types.AsyncInferenceOutputConfig{S3OutputPath: aws.String("s3://bucket/out"),
				KmsKeyId: aws.String("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")}}
		}, instance("a", nil))},
		{"shadow on instance variants with a cross-Region cap", config("shadow", func(in *sagemaker.CreateEndpointConfigInput) {
			shadow(in)
			in.CrossRegionTrafficConfig = &types.CrossRegionTrafficConfig{MaxCrossRegionPercentPerEndpoint: aws.Int32(50), MaxInvocationsPerSecondPerInstance: aws.Int32(10)}
		}, instance("a", nil))},
		{"metrics every 30 s", config("metrics", func(in *sagemaker.CreateEndpointConfigInput) {
			in.MetricsConfig = &types.MetricsConfig{EnableEnhancedMetrics: aws.Bool(true), MetricPublishFrequencyInSeconds: types.MetricPublishFrequencyInSeconds(30)}
		}, instance("a", nil))},
	}
	for _, g := range good {
		if g.err != nil {
			t.Errorf("%s: %v", g.name, g.err)
		}
	}
}
