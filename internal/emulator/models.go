package emulator

import (
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

func (s *Server) createModel(in *sagemaker.CreateModelInput) (any, *apiError) {
	name := deref(in.ModelName)
	arn := s.arn("model", name)
	if _, ok := s.st.Models[key(name)]; ok {
		return nil, alreadyExists("model", arn)
	}
	if in.PrimaryContainer == nil && len(in.Containers) == 0 {
		return nil, validationf("Either PrimaryContainer or Containers must be specified for model %q.", name)
	}
	if err := checkTags(in.Tags); err != nil {
		return nil, err
	}
	s.st.Models[key(name)] = &modelRecord{
		Input: in, Arn: arn, Created: s.clock.Now(), Tags: in.Tags, Vis: s.newVisibility("CreateModel"),
	}
	return &sagemaker.CreateModelOutput{ModelArn: &arn}, nil
}

// model finds a model as an eventually consistent read sees it.
func (s *Server) model(name string) (*modelRecord, *apiError) {
	m, ok := s.st.Models[key(name)]
	if !ok || !s.seen(&m.Vis, true) {
		return nil, notFound("model", s.arn("model", name))
	}
	return m, nil
}

func (s *Server) describeModel(in *sagemaker.DescribeModelInput) (any, *apiError) {
	m, err := s.model(deref(in.ModelName))
	if err != nil {
		return nil, err
	}
	out := &sagemaker.DescribeModelOutput{}
	copyFields(out, m.Input)
	out.ModelArn, out.CreationTime = ptr(m.Arn), timePtr(m.Created)
	return out, nil
}

func (s *Server) deleteModel(in *sagemaker.DeleteModelInput) (any, *apiError) {
	name := deref(in.ModelName)
	if _, err := s.model(name); err != nil {
		return nil, err
	}
	delete(s.st.Models, key(name))
	return &sagemaker.DeleteModelOutput{}, nil
}

func (s *Server) listModels(in *sagemaker.ListModelsInput) (any, *apiError) {
	q := listQuery{
		nameContains: in.NameContains, createdAfter: in.CreationTimeAfter, createdBefore: in.CreationTimeBefore,
		sortBy: string(in.SortBy), sortOrder: string(in.SortOrder), maxResults: in.MaxResults, nextToken: in.NextToken,
	}
	var rows []row
	for _, m := range s.st.Models {
		if s.seen(&m.Vis, false) {
			rows = append(rows, row{name: deref(m.Input.ModelName), created: m.Created, item: m})
		}
	}
	page, next, err := q.run(rows)
	if err != nil {
		return nil, err
	}
	out := &sagemaker.ListModelsOutput{Models: []types.ModelSummary{}, NextToken: next}
	for _, r := range page {
		m := r.item.(*modelRecord)
		out.Models = append(out.Models, types.ModelSummary{ModelName: m.Input.ModelName, ModelArn: ptr(m.Arn), CreationTime: timePtr(m.Created)})
	}
	return out, nil
}
