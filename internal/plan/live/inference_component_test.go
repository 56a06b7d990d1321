package live

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/sagectl/sagectl/internal/manifest"
)

// componentJSON is `aws sagemaker describe-inference-component` output: it holds the
// endpoint's EndpointArn and EndpointName too.
const componentJSON = `{"InferenceComponentName": "chat", "InferenceComponentArn": "arn:aws:sagemaker:us-east-1:1:inference-component/chat",
	"EndpointName": "llm", "EndpointArn": "arn:aws:sagemaker:us-east-1:1:endpoint/llm", "VariantName": "main", "InferenceComponentStatus": "InService",
	"Specification": {"ModelName": "m"}, "RuntimeConfig": {"DesiredCopyCount": 2, "CurrentCopyCount": 2}}`

// TestDirComponent: a describe-inference-component file is the component, not the endpoint
// it names, and a list-tags file with its ARN gives its tags.
func TestDirComponent(t *testing.T) {
	dir := writeFiles(t, map[string]string{"chat.json": componentJSON,
		"tags.json": `{"ResourceArn": "arn:aws:sagemaker:us-east-1:1:inference-component/chat", "Tags": [{"Key": "sagectl:managed-by", "Value": "sagectl"}]}`})
	d, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := d.Read(context.Background(), manifest.KindInferenceComponent, "CHAT")
	if r == nil || r.Name != "chat" || r.Tags["sagectl:managed-by"] != "sagectl" || r.TagsUnknown {
		t.Fatalf("component = %+v", r)
	}
	if e, _ := d.Read(context.Background(), manifest.KindEndpoint, "llm"); e != nil {
		t.Errorf("the component's file was also read as endpoint llm: %+v", e)
	}
}

// TestAPIComponent reads a component through the SDK from the emulator: its body, tags
// and listing, and nil for one that does not exist.
func TestAPIComponent(t *testing.T) {
	clock := emulator.NewFakeClock(time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC))
	srv, err := emulator.Start(emulator.Options{Clock: clock, CreateDuration: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		Retryer: func() aws.Retryer { return aws.NopRetryer{} }}
	c := sagemaker.NewFromConfig(cfg, func(o *sagemaker.Options) { o.BaseEndpoint = aws.String(srv.URL()) })
	ctx := context.Background()
	role := aws.String("arn:aws:iam::123456789012:role/sagemaker")
	steps := []func() error{
		func() error {
			_, err := c.CreateModel(ctx, &sagemaker.CreateModelInput{ModelName: aws.String("m"), ExecutionRoleArn: role,
				PrimaryContainer: &types.ContainerDefinition{Image: aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1")}})
			return err
		},
		func() error {
			_, err := c.CreateEndpointConfig(ctx, &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String("llm"), ExecutionRoleArn: role,
				ProductionVariants: []types.ProductionVariant{{VariantName: aws.String("main"), InstanceType: types.ProductionVariantInstanceTypeMlG5Xlarge, InitialInstanceCount: aws.Int32(1)}}})
			return err
		},
		func() error {
			_, err := c.CreateEndpoint(ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("llm"), EndpointConfigName: aws.String("llm")})
			clock.Advance(time.Minute)
			return err
		},
		func() error {
			_, err := c.CreateInferenceComponent(ctx, &sagemaker.CreateInferenceComponentInput{InferenceComponentName: aws.String("chat"), EndpointName: aws.String("llm"),
				VariantName: aws.String("main"), Specification: &types.InferenceComponentSpecification{ModelName: aws.String("m"),
					ComputeResourceRequirements: &types.InferenceComponentComputeResourceRequirements{MinMemoryRequiredInMb: aws.Int32(1024)}},
				RuntimeConfig: &types.InferenceComponentRuntimeConfig{CopyCount: aws.Int32(2)}, Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("llm")}}})
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	a := &API{Client: c}
	r, err := a.Read(ctx, manifest.KindInferenceComponent, "chat")
	if err != nil || r == nil {
		t.Fatalf("Read = %+v, %v", r, err)
	}
	if r.ARN != "arn:aws:sagemaker:us-east-1:123456789012:inference-component/chat" || r.Tags["team"] != "llm" || r.Str("InferenceComponentStatus") != "Creating" {
		t.Errorf("Read = %+v", r)
	}
	if r, err := a.Read(ctx, manifest.KindInferenceComponent, "nope"); r != nil || err != nil {
		t.Errorf("Read of a missing component = %+v, %v", r, err)
	}
	if names, err := a.List(ctx, manifest.KindInferenceComponent); err != nil || len(names) != 1 || names[0] != "chat" {
		t.Errorf("List = %v, %v", names, err)
	}
}
