package live

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"
	"github.com/sagectl/sagectl/internal/manifest"
)

// fakeClient answers from maps, pages ListTags and List* two items at a time, and
// counts calls.
type fakeClient struct {
	models map[string]*sagemaker.DescribeModelOutput
	tags   map[string][]types.Tag
	err    error // returned by every Describe call when set
	calls  map[string]int
}

func notFound(what string) error {
	return &smithy.GenericAPIError{Code: "ValidationException", Message: "Could not find " + what}
}

func (f *fakeClient) count(op string) {
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[op]++
}

func (f *fakeClient) DescribeModel(_ context.Context, in *sagemaker.DescribeModelInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeModelOutput, error) {
	f.count("DescribeModel")
	if f.err != nil {
		return nil, f.err
	}
	if m, ok := f.models[*in.ModelName]; ok {
		return m, nil
	}
	return nil, notFound("model")
}

func (f *fakeClient) DescribeEndpointConfig(context.Context, *sagemaker.DescribeEndpointConfigInput, ...func(*sagemaker.Options)) (*sagemaker.DescribeEndpointConfigOutput, error) {
	f.count("DescribeEndpointConfig")
	return nil, notFound("endpoint configuration")
}

func (f *fakeClient) DescribeEndpoint(context.Context, *sagemaker.DescribeEndpointInput, ...func(*sagemaker.Options)) (*sagemaker.DescribeEndpointOutput, error) {
	f.count("DescribeEndpoint")
	return nil, &smithy.GenericAPIError{Code: "ThrottlingException", Message: "Rate exceeded"}
}

func page[T any](all []T, token *string) ([]T, *string) {
	start := 0
	if token != nil {
		fmt.Sscan(*token, &start)
	}
	end := min(start+2, len(all))
	var next *string
	if end < len(all) {
		next = aws.String(fmt.Sprint(end))
	}
	return all[start:end], next
}

func (f *fakeClient) ListTags(_ context.Context, in *sagemaker.ListTagsInput, _ ...func(*sagemaker.Options)) (*sagemaker.ListTagsOutput, error) {
	f.count("ListTags")
	tags, next := page(f.tags[*in.ResourceArn], in.NextToken)
	return &sagemaker.ListTagsOutput{Tags: tags, NextToken: next}, nil
}

func (f *fakeClient) ListModels(_ context.Context, in *sagemaker.ListModelsInput, _ ...func(*sagemaker.Options)) (*sagemaker.ListModelsOutput, error) {
	f.count("ListModels")
	var all []types.ModelSummary
	for _, n := range []string{"b", "a", "c"} {
		all = append(all, types.ModelSummary{ModelName: aws.String(n)})
	}
	s, next := page(all, in.NextToken)
	return &sagemaker.ListModelsOutput{Models: s, NextToken: next}, nil
}

func (f *fakeClient) ListEndpointConfigs(context.Context, *sagemaker.ListEndpointConfigsInput, ...func(*sagemaker.Options)) (*sagemaker.ListEndpointConfigsOutput, error) {
	f.count("ListEndpointConfigs")
	return &sagemaker.ListEndpointConfigsOutput{EndpointConfigs: []types.EndpointConfigSummary{{EndpointConfigName: aws.String("c")}}}, nil
}

func (f *fakeClient) ListEndpoints(context.Context, *sagemaker.ListEndpointsInput, ...func(*sagemaker.Options)) (*sagemaker.ListEndpointsOutput, error) {
	f.count("ListEndpoints")
	return nil, errors.New("connection refused")
}

func TestAPIRead(t *testing.T) {
	created := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	arn := "arn:aws:sagemaker:us-east-1:1:model/m"
	f := &fakeClient{
		models: map[string]*sagemaker.DescribeModelOutput{"m": {ModelName: aws.String("m"), ModelArn: aws.String(arn), CreationTime: &created,
			PrimaryContainer: &types.ContainerDefinition{Image: aws.String("img")}, EnableNetworkIsolation: aws.Bool(false)}},
		tags: map[string][]types.Tag{arn: {{Key: aws.String("a"), Value: aws.String("1")}, {Key: aws.String("b"), Value: aws.String("2")}, {Key: aws.String("c"), Value: aws.String("3")}}},
	}
	api := &API{Client: f}
	ctx := context.Background()
	r, err := api.Read(ctx, manifest.KindModel, "m")
	if err != nil || r == nil {
		t.Fatalf("Read: %v, %v", r, err)
	}
	if r.ARN != arn || len(r.Tags) != 3 || r.Tags["c"] != "3" || f.calls["ListTags"] != 2 {
		t.Errorf("resource %+v, ListTags calls %d: want 3 tags over 2 pages", r, f.calls["ListTags"])
	}
	if _, ok := r.Body["ResultMetadata"]; ok {
		t.Error("ResultMetadata kept in the body")
	}
	if pc, _ := r.Body["PrimaryContainer"].(map[string]any); pc["Image"] != "img" || len(pc) != 1 {
		t.Errorf("PrimaryContainer = %v: want unset members dropped", pc)
	}
	if !Time(r.Body["CreationTime"]).Equal(created) {
		t.Errorf("CreationTime = %v", r.Body["CreationTime"])
	}
	if r, err := api.Read(ctx, manifest.KindModel, "absent"); r != nil || err != nil {
		t.Errorf("absent model: %v, %v; want nil, nil", r, err)
	}
	if r, err := api.Read(ctx, manifest.KindEndpointConfig, "absent"); r != nil || err != nil {
		t.Errorf("absent config: %v, %v; want nil, nil", r, err)
	}
	if _, err := api.Read(ctx, manifest.KindEndpoint, "e"); err == nil || !strings.Contains(err.Error(), "describing Endpoint e") {
		t.Errorf("throttled describe: err = %v, want it with the resource named", err)
	}
	f.err = errors.New("boom")
	if _, err := api.Read(ctx, manifest.KindModel, "m"); err == nil {
		t.Error("failing describe: no error")
	}
	if _, err := api.Read(ctx, "Pipeline", "p"); err == nil {
		t.Error("unknown kind: no error")
	}
}

func TestAPIList(t *testing.T) {
	f := &fakeClient{}
	api := &API{Client: f}
	ctx := context.Background()
	got, err := api.List(ctx, manifest.KindModel)
	if err != nil || strings.Join(got, ",") != "a,b,c" || f.calls["ListModels"] != 2 {
		t.Errorf("List models = %v, %v after %d calls; want a,b,c sorted over 2 pages", got, err, f.calls["ListModels"])
	}
	if got, err := api.List(ctx, manifest.KindEndpointConfig); err != nil || len(got) != 1 {
		t.Errorf("List configs = %v, %v", got, err)
	}
	if _, err := api.List(ctx, manifest.KindEndpoint); err == nil || !strings.Contains(err.Error(), "listing Endpoints") {
		t.Errorf("List endpoints err = %v", err)
	}
}

func TestIsNotFound(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{notFound("endpoint"), true},
		{&smithy.GenericAPIError{Code: "ResourceNotFound"}, true},
		{&smithy.GenericAPIError{Code: "ValidationException", Message: "1 validation error"}, false},
		{errors.New("Could not find"), false},
		{fmt.Errorf("wrapped: %w", notFound("model")), true},
	} {
		if got := IsNotFound(tc.err); got != tc.want {
			t.Errorf("IsNotFound(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
