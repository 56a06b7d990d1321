package apply

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/plan"
)

// earlierAttempt reports whether a create failed only because an earlier attempt of the same
// create succeeded: the service says the resource already exists, and the one there carries
// sagectl's ownership tag and the spec hash this create asked for (an endpoint, also the
// config it asked for). That happens when a 5xx
// answered a create the service had carried out and the retry found it, or when an apply was
// killed right after the call. Anything else that exists under the name is not ours to reuse.
func (x *Executor) earlierAttempt(ctx context.Context, err error, kind manifest.Kind, name string, tags []types.Tag, config string) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) || !strings.Contains(ae.ErrorMessage(), "already existing") {
		return false
	}
	want := ""
	for _, t := range tags {
		if aws.ToString(t.Key) == plan.TagSpecHash {
			want = aws.ToString(t.Value)
		}
	}
	if want == "" {
		return false
	}
	var arn *string
	switch kind {
	case manifest.KindModel:
		out, err := x.API.DescribeModel(ctx, &sagemaker.DescribeModelInput{ModelName: &name})
		if err != nil {
			return false
		}
		arn = out.ModelArn
	case manifest.KindEndpointConfig:
		out, err := x.API.DescribeEndpointConfig(ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: &name})
		if err != nil {
			return false
		}
		arn = out.EndpointConfigArn
	case manifest.KindEndpoint:
		out, err := x.API.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: &name})
		if err != nil || aws.ToString(out.EndpointConfigName) != config {
			return false
		}
		arn = out.EndpointArn
	default:
		return false
	}
	got, err := Tags(ctx, x.API, aws.ToString(arn))
	return err == nil && got[ManagedByTag] != "" && got[plan.TagSpecHash] == want
}

// created turns the error of a create into nil when earlierAttempt explains it; config is
// the endpoint config a CreateEndpoint asked for.
func (x *Executor) created(ctx context.Context, op string, err error, kind manifest.Kind, name string, tags []types.Tag, config string) error {
	if err == nil || x.earlierAttempt(ctx, err, kind, name, tags, config) {
		return nil
	}
	return fmt.Errorf("%s %s: %w", op, name, err)
}
