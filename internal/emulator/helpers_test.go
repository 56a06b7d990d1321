package emulator_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"

	"github.com/sagectl/sagectl/internal/emulator"
)

// epoch is the fake clock's start: a fixed instant so timestamps are deterministic.
var epoch = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// env is an emulator on a fake clock with an SDK client pointed at it.
type env struct {
	srv    *emulator.Server
	clock  *emulator.FakeClock
	client *sagemaker.Client
	ctx    context.Context
}

// newEnv starts an emulator whose endpoint transitions take one minute of fake time. The
// client does not retry unless a test asks it to, so call counts are exact.
func newEnv(t *testing.T, opts ...func(*emulator.Options)) *env {
	t.Helper()
	clock := emulator.NewFakeClock(epoch)
	o := emulator.Options{Clock: clock, CreateDuration: time.Minute, UpdateDuration: time.Minute, DeleteDuration: time.Minute, Seed: 7}
	for _, f := range opts {
		f(&o)
	}
	srv, err := emulator.Start(o)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return &env{srv: srv, clock: clock, client: newClient(srv.URL(), aws.NopRetryer{}), ctx: context.Background()}
}

func newClient(url string, retryer aws.Retryer) *sagemaker.Client {
	cfg := aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		Retryer:     func() aws.Retryer { return retryer },
	}
	return sagemaker.NewFromConfig(cfg, func(o *sagemaker.Options) { o.BaseEndpoint = aws.String(url) })
}

// apiErr asserts err is an API error with code and a message containing want.
func apiErr(t *testing.T, err error, code, want string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("want %s error containing %q, got %v", code, want, err)
	}
	if ae.ErrorCode() != code || !strings.Contains(ae.ErrorMessage(), want) {
		t.Fatalf("want %s containing %q, got %s: %s", code, want, ae.ErrorCode(), ae.ErrorMessage())
	}
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// model creates a model with a primary container.
func (e *env) model(t *testing.T, name string) {
	t.Helper()
	_, err := e.client.CreateModel(e.ctx, &sagemaker.CreateModelInput{
		ModelName:        aws.String(name),
		PrimaryContainer: &types.ContainerDefinition{Image: aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1"), ModelDataUrl: aws.String("s3://models/churn.tar.gz")},
		ExecutionRoleArn: aws.String("arn:aws:iam::123456789012:role/sagemaker"),
	})
	if err != nil {
		t.Fatalf("CreateModel %s: %v", name, err)
	}
}

// config creates an endpoint config with one instance-based variant per model.
func (e *env) config(t *testing.T, name string, models ...string) {
	t.Helper()
	in := &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String(name)}
	for i, m := range models {
		in.ProductionVariants = append(in.ProductionVariants, types.ProductionVariant{
			VariantName: aws.String("v" + string(rune('a'+i))), ModelName: aws.String(m),
			InstanceType: types.ProductionVariantInstanceTypeMlM5Xlarge, InitialInstanceCount: aws.Int32(int32(i + 1)),
			InitialVariantWeight: aws.Float32(float32(i + 1)),
		})
	}
	if _, err := e.client.CreateEndpointConfig(e.ctx, in); err != nil {
		t.Fatalf("CreateEndpointConfig %s: %v", name, err)
	}
}

// status describes an endpoint and returns its status.
func (e *env) describe(t *testing.T, name string) *sagemaker.DescribeEndpointOutput {
	t.Helper()
	out, err := e.client.DescribeEndpoint(e.ctx, &sagemaker.DescribeEndpointInput{EndpointName: aws.String(name)})
	if err != nil {
		t.Fatalf("DescribeEndpoint %s: %v", name, err)
	}
	return out
}
