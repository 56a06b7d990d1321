package emulator

import (
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

const kindConfig = "endpoint configuration"

func (s *Server) createEndpointConfig(in *sagemaker.CreateEndpointConfigInput) (any, *apiError) {
	name := deref(in.EndpointConfigName)
	arn := s.arn("endpoint-config", name)
	if _, ok := s.st.Configs[key(name)]; ok {
		return nil, alreadyExists(kindConfig, arn)
	}
	seen := map[string]bool{}
	for _, v := range append(append([]types.ProductionVariant{}, in.ProductionVariants...), in.ShadowProductionVariants...) {
		vn := key(deref(v.VariantName))
		if seen[vn] {
			return nil, validationf("Variant name %q is used more than once in endpoint configuration %q; variant names must be unique.", deref(v.VariantName), name)
		}
		seen[vn] = true
		if v.ModelName != nil {
			if _, err := s.model(*v.ModelName); err != nil {
				return nil, err
			}
		}
	}
	if err := checkTags(in.Tags); err != nil {
		return nil, err
	}
	s.st.Configs[key(name)] = &configRecord{
		Input: in, Arn: arn, Created: s.clock.Now(), Tags: in.Tags, Vis: s.newVisibility("CreateEndpointConfig"),
	}
	return &sagemaker.CreateEndpointConfigOutput{EndpointConfigArn: &arn}, nil
}

// config finds an endpoint config as an eventually consistent read sees it.
func (s *Server) config(name string) (*configRecord, *apiError) {
	c, ok := s.st.Configs[key(name)]
	if !ok || !s.seen(&c.Vis, true) {
		return nil, notFound(kindConfig, s.arn("endpoint-config", name))
	}
	return c, nil
}

func (s *Server) describeEndpointConfig(in *sagemaker.DescribeEndpointConfigInput) (any, *apiError) {
	c, err := s.config(deref(in.EndpointConfigName))
	if err != nil {
		return nil, err
	}
	out := &sagemaker.DescribeEndpointConfigOutput{}
	copyFields(out, c.Input)
	out.EndpointConfigArn, out.CreationTime = ptr(c.Arn), timePtr(c.Created)
	return out, nil
}

// deleteEndpointConfig deletes even a config in use: the real API allows it (https://github.com/hashicorp/terraform-provider-aws/issues/40048).
func (s *Server) deleteEndpointConfig(in *sagemaker.DeleteEndpointConfigInput) (any, *apiError) {
	name := deref(in.EndpointConfigName)
	if _, err := s.config(name); err != nil {
		return nil, err
	}
	delete(s.st.Configs, key(name))
	return &sagemaker.DeleteEndpointConfigOutput{}, nil
}

func (s *Server) listEndpointConfigs(in *sagemaker.ListEndpointConfigsInput) (any, *apiError) {
	q := listQuery{
		nameContains: in.NameContains, createdAfter: in.CreationTimeAfter, createdBefore: in.CreationTimeBefore,
		sortBy: string(in.SortBy), sortOrder: string(in.SortOrder), maxResults: in.MaxResults, nextToken: in.NextToken,
	}
	var rows []row
	for _, c := range s.st.Configs {
		if s.seen(&c.Vis, false) {
			rows = append(rows, row{name: deref(c.Input.EndpointConfigName), created: c.Created, item: c})
		}
	}
	page, next, err := q.run(rows)
	if err != nil {
		return nil, err
	}
	out := &sagemaker.ListEndpointConfigsOutput{EndpointConfigs: []types.EndpointConfigSummary{}, NextToken: next}
	for _, r := range page {
		c := r.item.(*configRecord)
		out.EndpointConfigs = append(out.EndpointConfigs, types.EndpointConfigSummary{
			EndpointConfigName: c.Input.EndpointConfigName, EndpointConfigArn: ptr(c.Arn), CreationTime: timePtr(c.Created),
		})
	}
	return out, nil
}
