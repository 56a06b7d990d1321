package apply

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"
)

// fakeClock advances when slept on and records each sleep.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	c.slept = append(c.slept, d)
	return nil
}

func notFound(what string) error {
	return &smithy.GenericAPIError{Code: "ValidationException", Message: "Could not find " + what}
}

// fakeAPI answers from in-memory state; calls it does not implement panic (a test failure).
type fakeAPI struct {
	API
	mu        sync.Mutex
	calls     map[string]int
	endpoints map[string]*sagemaker.DescribeEndpointOutput
	configs   map[string]*sagemaker.DescribeEndpointConfigOutput
	models    map[string]*sagemaker.DescribeModelOutput
	tags      map[string]map[string]string // by ARN
	// onDescribeEndpoint, when set, answers DescribeEndpoint instead of endpoints.
	onDescribeEndpoint func(name string, n int) (*sagemaker.DescribeEndpointOutput, error)
	// hiddenConfig makes DescribeEndpointConfig of a name miss that many more times.
	hiddenConfig map[string]int
}

func newFakeAPI() *fakeAPI {
	return &fakeAPI{calls: map[string]int{}, endpoints: map[string]*sagemaker.DescribeEndpointOutput{},
		configs: map[string]*sagemaker.DescribeEndpointConfigOutput{}, models: map[string]*sagemaker.DescribeModelOutput{},
		tags: map[string]map[string]string{}, hiddenConfig: map[string]int{}}
}

func (f *fakeAPI) count(op string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[op]
}

func (f *fakeAPI) call(op string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[op]++
	return f.calls[op]
}

func (f *fakeAPI) addEndpoint(name, config string, status types.EndpointStatus, owned bool) {
	arn := "arn:endpoint/" + name
	f.endpoints[name] = &sagemaker.DescribeEndpointOutput{EndpointName: aws.String(name), EndpointArn: aws.String(arn),
		EndpointConfigName: aws.String(config), EndpointStatus: status}
	f.setOwned(arn, owned)
}

func (f *fakeAPI) addConfig(name string, owned bool, models ...string) {
	arn := "arn:endpoint-config/" + name
	out := &sagemaker.DescribeEndpointConfigOutput{EndpointConfigName: aws.String(name), EndpointConfigArn: aws.String(arn)}
	for _, m := range models {
		out.ProductionVariants = append(out.ProductionVariants, types.ProductionVariant{ModelName: aws.String(m)})
	}
	f.configs[name] = out
	f.setOwned(arn, owned)
}

func (f *fakeAPI) addModel(name string, owned bool) {
	arn := "arn:model/" + name
	f.models[name] = &sagemaker.DescribeModelOutput{ModelName: aws.String(name), ModelArn: aws.String(arn)}
	f.setOwned(arn, owned)
}

func (f *fakeAPI) setOwned(arn string, owned bool) {
	f.tags[arn] = map[string]string{"team": "x"}
	if owned {
		f.tags[arn][ManagedByTag] = "sagectl"
	}
}

func (f *fakeAPI) DescribeEndpoint(_ context.Context, in *sagemaker.DescribeEndpointInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeEndpointOutput, error) {
	n := f.call("DescribeEndpoint")
	if f.onDescribeEndpoint != nil {
		return f.onDescribeEndpoint(*in.EndpointName, n)
	}
	if e, ok := f.endpoints[*in.EndpointName]; ok {
		c := *e
		return &c, nil
	}
	return nil, notFound("endpoint")
}

func (f *fakeAPI) DescribeEndpointConfig(_ context.Context, in *sagemaker.DescribeEndpointConfigInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeEndpointConfigOutput, error) {
	f.call("DescribeEndpointConfig")
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.hiddenConfig[*in.EndpointConfigName] > 0 {
		f.hiddenConfig[*in.EndpointConfigName]--
		return nil, notFound("endpoint configuration")
	}
	if c, ok := f.configs[*in.EndpointConfigName]; ok {
		return c, nil
	}
	return nil, notFound("endpoint configuration")
}

func (f *fakeAPI) DescribeModel(_ context.Context, in *sagemaker.DescribeModelInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeModelOutput, error) {
	f.call("DescribeModel")
	if m, ok := f.models[*in.ModelName]; ok {
		return m, nil
	}
	return nil, notFound("model")
}

func (f *fakeAPI) ListEndpoints(_ context.Context, _ *sagemaker.ListEndpointsInput, _ ...func(*sagemaker.Options)) (*sagemaker.ListEndpointsOutput, error) {
	f.call("ListEndpoints")
	out := &sagemaker.ListEndpointsOutput{}
	for _, n := range sortedNames(f.endpoints) {
		out.Endpoints = append(out.Endpoints, types.EndpointSummary{EndpointName: aws.String(n)})
	}
	return out, nil
}

func (f *fakeAPI) ListEndpointConfigs(_ context.Context, _ *sagemaker.ListEndpointConfigsInput, _ ...func(*sagemaker.Options)) (*sagemaker.ListEndpointConfigsOutput, error) {
	f.call("ListEndpointConfigs")
	out := &sagemaker.ListEndpointConfigsOutput{}
	for _, n := range sortedNames(f.configs) {
		out.EndpointConfigs = append(out.EndpointConfigs, types.EndpointConfigSummary{EndpointConfigName: aws.String(n), EndpointConfigArn: f.configs[n].EndpointConfigArn})
	}
	return out, nil
}

func (f *fakeAPI) ListTags(_ context.Context, in *sagemaker.ListTagsInput, _ ...func(*sagemaker.Options)) (*sagemaker.ListTagsOutput, error) {
	f.call("ListTags")
	out := &sagemaker.ListTagsOutput{}
	for k, v := range f.tags[*in.ResourceArn] {
		out.Tags = append(out.Tags, types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out, nil
}

func (f *fakeAPI) DeleteEndpointConfig(_ context.Context, in *sagemaker.DeleteEndpointConfigInput, _ ...func(*sagemaker.Options)) (*sagemaker.DeleteEndpointConfigOutput, error) {
	f.call("DeleteEndpointConfig")
	delete(f.configs, *in.EndpointConfigName)
	return &sagemaker.DeleteEndpointConfigOutput{}, nil
}

func (f *fakeAPI) DeleteModel(_ context.Context, in *sagemaker.DeleteModelInput, _ ...func(*sagemaker.Options)) (*sagemaker.DeleteModelOutput, error) {
	f.call("DeleteModel")
	delete(f.models, *in.ModelName)
	return &sagemaker.DeleteModelOutput{}, nil
}

func (f *fakeAPI) DeleteEndpoint(_ context.Context, in *sagemaker.DeleteEndpointInput, _ ...func(*sagemaker.Options)) (*sagemaker.DeleteEndpointOutput, error) {
	f.call("DeleteEndpoint")
	delete(f.endpoints, *in.EndpointName)
	return &sagemaker.DeleteEndpointOutput{}, nil
}

func (f *fakeAPI) UpdateEndpoint(_ context.Context, in *sagemaker.UpdateEndpointInput, _ ...func(*sagemaker.Options)) (*sagemaker.UpdateEndpointOutput, error) {
	f.call("UpdateEndpoint")
	return &sagemaker.UpdateEndpointOutput{}, nil
}

func sortedNames[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
