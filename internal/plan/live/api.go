package live

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/smithy-go"
	"github.com/sagectl/sagectl/internal/manifest"
)

// Client is the part of *sagemaker.Client the readers use: reads only.
type Client interface {
	DescribeModel(context.Context, *sagemaker.DescribeModelInput, ...func(*sagemaker.Options)) (*sagemaker.DescribeModelOutput, error)
	DescribeEndpointConfig(context.Context, *sagemaker.DescribeEndpointConfigInput, ...func(*sagemaker.Options)) (*sagemaker.DescribeEndpointConfigOutput, error)
	DescribeEndpoint(context.Context, *sagemaker.DescribeEndpointInput, ...func(*sagemaker.Options)) (*sagemaker.DescribeEndpointOutput, error)
	ListTags(context.Context, *sagemaker.ListTagsInput, ...func(*sagemaker.Options)) (*sagemaker.ListTagsOutput, error)
	ListModels(context.Context, *sagemaker.ListModelsInput, ...func(*sagemaker.Options)) (*sagemaker.ListModelsOutput, error)
	ListEndpointConfigs(context.Context, *sagemaker.ListEndpointConfigsInput, ...func(*sagemaker.Options)) (*sagemaker.ListEndpointConfigsOutput, error)
	ListEndpoints(context.Context, *sagemaker.ListEndpointsInput, ...func(*sagemaker.Options)) (*sagemaker.ListEndpointsOutput, error)
}

// API reads live resources through the SageMaker API: one Describe* call per resource
// and, when it exists, ListTags (paginated); scalable targets and scaling policies
// through Application Auto Scaling (autoscaling.go). Retries are the SDK retryer's.
type API struct {
	// Client is the SageMaker client (normally from awsclient.New).
	Client Client
	// Autoscaling is the Application Auto Scaling client. It may be nil when no
	// manifest declares autoscaling: reading a ScalableTarget or ScalingPolicy is then an error.
	Autoscaling AutoscalingClient
}

// Read implements Reader.
func (a *API) Read(ctx context.Context, kind manifest.Kind, name string) (*Resource, error) {
	if kind.Autoscaling() {
		return a.readAutoscaling(ctx, kind, name)
	}
	if kind == manifest.KindInferenceComponent {
		return a.readComponent(ctx, name) // inference_component.go
	}
	var out any
	var err error
	switch kind {
	case manifest.KindModel:
		out, err = a.Client.DescribeModel(ctx, &sagemaker.DescribeModelInput{ModelName: aws.String(name)})
	case manifest.KindEndpointConfig:
		out, err = a.Client.DescribeEndpointConfig(ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: aws.String(name)})
	case manifest.KindEndpoint:
		out, err = a.Client.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: aws.String(name)})
	default:
		return nil, fmt.Errorf("cannot read a resource of kind %q", kind)
	}
	if err != nil {
		if IsNotFound(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("describing %s %s: %w", kind, name, err)
	}
	body, err := toBody(out)
	if err != nil {
		return nil, fmt.Errorf("reading %s %s: %w", kind, name, err)
	}
	r := newResource(kind, body)
	if r.Name == "" {
		r.Name = name
	}
	if r.ARN == "" {
		return r, nil
	}
	p := sagemaker.NewListTagsPaginator(a.Client, &sagemaker.ListTagsInput{ResourceArn: aws.String(r.ARN)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing tags of %s %s: %w", kind, name, err)
		}
		for _, t := range page.Tags {
			r.Tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
	}
	return r, nil
}

// List implements Reader with the paginated List* operation of kind.
func (a *API) List(ctx context.Context, kind manifest.Kind) ([]string, error) {
	if kind.Autoscaling() {
		return a.listAutoscaling(ctx, kind)
	}
	if kind == manifest.KindInferenceComponent {
		return a.listComponents(ctx)
	}
	var names []string
	var err error
	switch kind {
	case manifest.KindModel:
		names, err = pages(ctx, sagemaker.NewListModelsPaginator(a.Client, &sagemaker.ListModelsInput{}),
			func(o *sagemaker.ListModelsOutput) (out []string) {
				for _, s := range o.Models {
					out = append(out, aws.ToString(s.ModelName))
				}
				return out
			})
	case manifest.KindEndpointConfig:
		names, err = pages(ctx, sagemaker.NewListEndpointConfigsPaginator(a.Client, &sagemaker.ListEndpointConfigsInput{}),
			func(o *sagemaker.ListEndpointConfigsOutput) (out []string) {
				for _, s := range o.EndpointConfigs {
					out = append(out, aws.ToString(s.EndpointConfigName))
				}
				return out
			})
	case manifest.KindEndpoint:
		names, err = pages(ctx, sagemaker.NewListEndpointsPaginator(a.Client, &sagemaker.ListEndpointsInput{}),
			func(o *sagemaker.ListEndpointsOutput) (out []string) {
				for _, s := range o.Endpoints {
					out = append(out, aws.ToString(s.EndpointName))
				}
				return out
			})
	default:
		return nil, fmt.Errorf("cannot list resources of kind %q", kind)
	}
	if err != nil {
		return nil, fmt.Errorf("listing %ss: %w", kind, err)
	}
	sort.Strings(names)
	return names, nil
}

// pager is an SDK paginator (of any service: O is its page type, Opt its options type).
type pager[O, Opt any] interface {
	HasMorePages() bool
	NextPage(context.Context, ...func(Opt)) (O, error)
}

// pages reads every page of p and returns the names each page yields.
func pages[O, Opt any](ctx context.Context, p pager[O, Opt], names func(O) []string) ([]string, error) {
	var out []string
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, names(page)...)
	}
	return out, nil
}

// IsNotFound reports whether err is SageMaker's answer for a missing resource: a
// ValidationException whose message says "Could not find" (there is no dedicated
// error code), or ResourceNotFound.
func IsNotFound(err error) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return false
	}
	switch ae.ErrorCode() {
	case "ResourceNotFound", "ResourceNotFoundException":
		return true
	case "ValidationException":
		return strings.Contains(ae.ErrorMessage(), "Could not find")
	}
	return false
}

// toBody turns an SDK output struct into JSON values, as the AWS CLI would print it.
func toBody(out any) (map[string]any, error) {
	data, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	v, err := decodeJSON(data)
	if err != nil {
		return nil, err
	}
	m, _ := v.(map[string]any)
	pruneNulls(m)
	return m, nil
}

// pruneNulls removes unset members recursively: the SDK marshals unset pointers as
// null and unset enums as "", where the AWS CLI omits them.
func pruneNulls(v any) {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			if e == nil || e == "" {
				delete(t, k)
			} else {
				pruneNulls(e)
			}
		}
	case []any:
		for _, e := range t {
			pruneNulls(e)
		}
	}
}
