package emulator_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// sameFields fails unless every field of in that out also has is deeply equal in out: Describe
// answers with what Create stored, field for field.
func sameFields(t *testing.T, in, out any) {
	t.Helper()
	iv, ov := reflect.ValueOf(in).Elem(), reflect.ValueOf(out).Elem()
	shared := 0
	for i := range iv.NumField() {
		f := iv.Type().Field(i)
		of := ov.FieldByName(f.Name)
		if !f.IsExported() || !of.IsValid() || of.Type() != f.Type {
			continue
		}
		shared++
		if !reflect.DeepEqual(iv.Field(i).Interface(), of.Interface()) {
			t.Errorf("%s: stored %#v, described %#v", f.Name, iv.Field(i).Interface(), of.Interface())
		}
	}
	if shared < 3 {
		t.Fatalf("only %d shared fields: wrong types compared", shared)
	}
}

func richConfig() *sagemaker.CreateEndpointConfigInput {
	return &sagemaker.CreateEndpointConfigInput{
		EndpointConfigName: aws.String("churn-prod-v8"),
		ProductionVariants: []types.ProductionVariant{{
			VariantName: aws.String("current"), ModelName: aws.String("churn-v8"),
			InstanceType: types.ProductionVariantInstanceTypeMlM5Xlarge, InitialInstanceCount: aws.Int32(2),
			InitialVariantWeight: aws.Float32(0.7), VolumeSizeInGB: aws.Int32(30),
			RoutingConfig: &types.ProductionVariantRoutingConfig{RoutingStrategy: types.RoutingStrategyLeastOutstandingRequests},
		}, {
			VariantName: aws.String("challenger"), ModelName: aws.String("churn-v8"),
			InstanceType: types.ProductionVariantInstanceTypeMlM5Large, InitialInstanceCount: aws.Int32(1),
		}},
		ShadowProductionVariants: []types.ProductionVariant{{
			VariantName: aws.String("shadow"), ModelName: aws.String("churn-v8"),
			InstanceType: types.ProductionVariantInstanceTypeMlC5Large, InitialInstanceCount: aws.Int32(1), InitialVariantWeight: aws.Float32(0.1),
		}},
		DataCaptureConfig: &types.DataCaptureConfig{
			InitialSamplingPercentage: aws.Int32(20), DestinationS3Uri: aws.String("s3://capture/churn"),
			CaptureOptions:           []types.CaptureOption{{CaptureMode: types.CaptureModeInput}, {CaptureMode: types.CaptureModeOutput}},
			CaptureContentTypeHeader: &types.CaptureContentTypeHeader{JsonContentTypes: []string{"application/json"}},
		},
		KmsKeyId:               aws.String("alias/sagemaker-prod"),
		EnableNetworkIsolation: aws.Bool(false),
		Tags:                   []types.Tag{{Key: aws.String("team"), Value: aws.String("")}},
	}
}

// asyncConfig is an instance-based config with AsyncInferenceConfig, which SageMaker does
// not combine with shadow variants (so richConfig has none).
func asyncConfig() *sagemaker.CreateEndpointConfigInput {
	return &sagemaker.CreateEndpointConfigInput{
		EndpointConfigName: aws.String("churn-async"),
		ProductionVariants: richConfig().ProductionVariants[:1],
		AsyncInferenceConfig: &types.AsyncInferenceConfig{
			OutputConfig: &types.AsyncInferenceOutputConfig{S3OutputPath: aws.String("s3://async/out")},
			ClientConfig: &types.AsyncInferenceClientConfig{MaxConcurrentInvocationsPerInstance: aws.Int32(4)},
		},
	}
}

// serverlessConfig is a serverless config: one variant, as serverless endpoints allow.
func serverlessConfig() *sagemaker.CreateEndpointConfigInput {
	return &sagemaker.CreateEndpointConfigInput{
		EndpointConfigName: aws.String("churn-serverless"),
		ProductionVariants: []types.ProductionVariant{{
			VariantName: aws.String("serverless"), ModelName: aws.String("churn-v8"),
			ServerlessConfig: &types.ProductionVariantServerlessConfig{MemorySizeInMB: aws.Int32(2048), MaxConcurrency: aws.Int32(5)},
		}},
	}
}

func TestEndpointConfigDescribeReturnsWhatWasStored(t *testing.T) {
	e := newEnv(t)
	e.model(t, "churn-v8")
	in := richConfig()
	created := must[*sagemaker.CreateEndpointConfigOutput](t)(e.client.CreateEndpointConfig(e.ctx, in))
	wantArn := "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-prod-v8"
	if aws.ToString(created.EndpointConfigArn) != wantArn {
		t.Errorf("ARN = %q, want %q", aws.ToString(created.EndpointConfigArn), wantArn)
	}
	out := must[*sagemaker.DescribeEndpointConfigOutput](t)(e.client.DescribeEndpointConfig(e.ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: aws.String("churn-prod-v8")}))
	sameFields(t, in, out)
	if aws.ToString(out.EndpointConfigArn) != wantArn || !out.CreationTime.Equal(epoch) {
		t.Errorf("ARN %q, CreationTime %v; want %q, %v", aws.ToString(out.EndpointConfigArn), out.CreationTime, wantArn, epoch)
	}
	tags := must[*sagemaker.ListTagsOutput](t)(e.client.ListTags(e.ctx, &sagemaker.ListTagsInput{ResourceArn: aws.String(wantArn)}))
	if len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Key) != "team" || tags.Tags[0].Value == nil {
		t.Errorf("tags = %#v, want team=\"\"", tags.Tags)
	}
	for _, in := range []*sagemaker.CreateEndpointConfigInput{asyncConfig(), serverlessConfig()} {
		must[*sagemaker.CreateEndpointConfigOutput](t)(e.client.CreateEndpointConfig(e.ctx, in))
		sameFields(t, in, must[*sagemaker.DescribeEndpointConfigOutput](t)(e.client.DescribeEndpointConfig(e.ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: in.EndpointConfigName})))
	}
}

func TestOptionalMembersAbsentWhenNotSet(t *testing.T) {
	e := newEnv(t)
	e.model(t, "m")
	e.config(t, "plain", "m")
	out := must[*sagemaker.DescribeEndpointConfigOutput](t)(e.client.DescribeEndpointConfig(e.ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: aws.String("plain")}))
	if out.ShadowProductionVariants != nil || out.AsyncInferenceConfig != nil || out.DataCaptureConfig != nil || out.KmsKeyId != nil {
		t.Errorf("unset members came back: %#v", out)
	}
}

func TestModelDescribeReturnsWhatWasStored(t *testing.T) {
	e := newEnv(t)
	in := &sagemaker.CreateModelInput{
		ModelName: aws.String("Churn-V9"),
		Containers: []types.ContainerDefinition{{
			Image: aws.String("img:1"), Environment: map[string]string{"A": "1", "B_2": ""},
			ModelDataSource: &types.ModelDataSource{S3DataSource: &types.S3ModelDataSource{
				S3Uri: aws.String("s3://b/k/"), S3DataType: types.S3ModelDataTypeS3Prefix, CompressionType: types.ModelCompressionTypeNone,
			}},
		}, {Image: aws.String("img:2"), ContainerHostname: aws.String("second")}},
		InferenceExecutionConfig: &types.InferenceExecutionConfig{Mode: types.InferenceExecutionModeDirect},
		VpcConfig:                &types.VpcConfig{SecurityGroupIds: []string{"sg-1"}, Subnets: []string{"subnet-1", "subnet-2"}},
		EnableNetworkIsolation:   aws.Bool(true),
	}
	created := must[*sagemaker.CreateModelOutput](t)(e.client.CreateModel(e.ctx, in))
	if got := aws.ToString(created.ModelArn); got != "arn:aws:sagemaker:us-east-1:123456789012:model/churn-v9" {
		t.Errorf("ModelArn = %q: the name is lower-cased in ARNs", got)
	}
	// Names are case-insensitive.
	out := must[*sagemaker.DescribeModelOutput](t)(e.client.DescribeModel(e.ctx, &sagemaker.DescribeModelInput{ModelName: aws.String("churn-v9")}))
	sameFields(t, in, out)
	_, err := e.client.CreateModel(e.ctx, &sagemaker.CreateModelInput{ModelName: aws.String("CHURN-v9"), PrimaryContainer: &types.ContainerDefinition{Image: aws.String("x")}})
	apiErr(t, err, "ValidationException", `Cannot create already existing model "arn:aws:sagemaker:us-east-1:123456789012:model/churn-v9"`)
	_, err = e.client.CreateModel(e.ctx, &sagemaker.CreateModelInput{ModelName: aws.String("empty")})
	apiErr(t, err, "ValidationException", "Either PrimaryContainer or Containers")

	must[*sagemaker.DeleteModelOutput](t)(e.client.DeleteModel(e.ctx, &sagemaker.DeleteModelInput{ModelName: aws.String("Churn-V9")}))
	_, err = e.client.DescribeModel(e.ctx, &sagemaker.DescribeModelInput{ModelName: aws.String("Churn-V9")})
	apiErr(t, err, "ValidationException", `Could not find model "arn:aws:sagemaker:us-east-1:123456789012:model/churn-v9".`)
	_, err = e.client.DeleteModel(e.ctx, &sagemaker.DeleteModelInput{ModelName: aws.String("Churn-V9")})
	apiErr(t, err, "ValidationException", "Could not find model")
}

func TestEndpointConfigErrors(t *testing.T) {
	e := newEnv(t)
	e.model(t, "m")
	e.config(t, "cfg", "m")
	arn := "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/cfg"
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"duplicate", func() error {
			_, err := e.client.CreateEndpointConfig(e.ctx, &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String("CFG"),
				ProductionVariants: []types.ProductionVariant{{VariantName: aws.String("a"), ModelName: aws.String("m")}}})
			return err
		}, `Cannot create already existing endpoint configuration "` + arn + `"`},
		{"missing model", func() error {
			_, err := e.client.CreateEndpointConfig(e.ctx, &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String("other"),
				ProductionVariants: []types.ProductionVariant{{VariantName: aws.String("a"), ModelName: aws.String("ghost")}}})
			return err
		}, `Could not find model "arn:aws:sagemaker:us-east-1:123456789012:model/ghost"`},
		{"missing shadow model", func() error {
			_, err := e.client.CreateEndpointConfig(e.ctx, &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String("other"),
				ProductionVariants:       []types.ProductionVariant{{VariantName: aws.String("a"), ModelName: aws.String("m")}},
				ShadowProductionVariants: []types.ProductionVariant{{VariantName: aws.String("s"), ModelName: aws.String("ghost")}}})
			return err
		}, `Could not find model`},
		{"duplicate variant", func() error {
			_, err := e.client.CreateEndpointConfig(e.ctx, &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String("other"),
				ProductionVariants: []types.ProductionVariant{{VariantName: aws.String("a"), ModelName: aws.String("m")}, {VariantName: aws.String("A"), ModelName: aws.String("m")}}})
			return err
		}, `Variant name "A" is used more than once`},
		{"describe missing", func() error {
			_, err := e.client.DescribeEndpointConfig(e.ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: aws.String("nope")})
			return err
		}, `Could not find endpoint configuration "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/nope".`},
		{"delete missing", func() error {
			_, err := e.client.DeleteEndpointConfig(e.ctx, &sagemaker.DeleteEndpointConfigInput{EndpointConfigName: aws.String("nope")})
			return err
		}, `Could not find endpoint configuration`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { apiErr(t, tt.call(), "ValidationException", tt.want) })
	}
}

func TestDeleteEndpointConfigInUseIsAllowed(t *testing.T) {
	e := newEnv(t)
	e.model(t, "m")
	e.config(t, "cfg", "m")
	must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("cfg")}))
	e.clock.Advance(time.Minute)
	must[*sagemaker.DeleteEndpointConfigOutput](t)(e.client.DeleteEndpointConfig(e.ctx, &sagemaker.DeleteEndpointConfigInput{EndpointConfigName: aws.String("cfg")}))
	d := e.describe(t, "ep")
	if aws.ToString(d.EndpointConfigName) != "cfg" || d.EndpointStatus != types.EndpointStatusInService {
		t.Errorf("endpoint after its config was deleted: config %q, status %s", aws.ToString(d.EndpointConfigName), d.EndpointStatus)
	}
	_, err := e.client.UpdateEndpoint(e.ctx, &sagemaker.UpdateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("cfg")})
	apiErr(t, err, "ValidationException", "Could not find endpoint configuration")
}
