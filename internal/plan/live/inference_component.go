package live

import (
	"context"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/sagectl/sagectl/internal/manifest"
)

// ComponentClient is the part of *sagemaker.Client that reads inference components.
type ComponentClient interface {
	DescribeInferenceComponent(context.Context, *sagemaker.DescribeInferenceComponentInput, ...func(*sagemaker.Options)) (*sagemaker.DescribeInferenceComponentOutput, error)
	ListInferenceComponents(context.Context, *sagemaker.ListInferenceComponentsInput, ...func(*sagemaker.Options)) (*sagemaker.ListInferenceComponentsOutput, error)
	sagemaker.ListTagsAPIClient
}

// componentClient returns the client that reads inference components: a.Client when it
// can (a *sagemaker.Client can), else an error that says so.
func (a *API) componentClient() (ComponentClient, error) {
	if c, ok := a.Client.(ComponentClient); ok {
		return c, nil
	}
	return nil, fmt.Errorf("the SageMaker client given cannot read inference components (DescribeInferenceComponent, ListInferenceComponents)")
}

// readComponent describes inference component name and lists its tags; nil when it
// does not exist.
func (a *API) readComponent(ctx context.Context, name string) (*Resource, error) {
	c, err := a.componentClient()
	if err != nil {
		return nil, err
	}
	out, err := c.DescribeInferenceComponent(ctx, &sagemaker.DescribeInferenceComponentInput{InferenceComponentName: aws.String(name)})
	if err != nil {
		if IsNotFound(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("describing InferenceComponent %s: %w", name, err)
	}
	body, err := toBody(out)
	if err != nil {
		return nil, fmt.Errorf("reading InferenceComponent %s: %w", name, err)
	}
	r := newResource(manifest.KindInferenceComponent, body)
	if r.Name == "" {
		r.Name = name
	}
	tags, err := pages(ctx, sagemaker.NewListTagsPaginator(c, &sagemaker.ListTagsInput{ResourceArn: aws.String(r.ARN)}),
		func(o *sagemaker.ListTagsOutput) (out []string) {
			for _, t := range o.Tags {
				out = append(out, aws.ToString(t.Key), aws.ToString(t.Value))
			}
			return out
		})
	if err != nil {
		return nil, fmt.Errorf("listing tags of InferenceComponent %s: %w", name, err)
	}
	for i := 0; i+1 < len(tags); i += 2 {
		r.Tags[tags[i]] = tags[i+1]
	}
	return r, nil
}

// listComponents returns the names of every inference component, sorted.
func (a *API) listComponents(ctx context.Context) ([]string, error) {
	c, err := a.componentClient()
	if err != nil {
		return nil, err
	}
	names, err := pages(ctx, sagemaker.NewListInferenceComponentsPaginator(c, &sagemaker.ListInferenceComponentsInput{}),
		func(o *sagemaker.ListInferenceComponentsOutput) (out []string) {
			for _, s := range o.InferenceComponents {
				out = append(out, aws.ToString(s.InferenceComponentName))
			}
			return out
		})
	if err != nil {
		return nil, fmt.Errorf("listing InferenceComponents: %w", err)
	}
	sort.Strings(names)
	return names, nil
}
