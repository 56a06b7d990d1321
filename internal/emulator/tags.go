package emulator

import (
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

const maxTags = 50

// tagsOf returns the tag list of the resource an ARN names.
func (s *Server) tagsOf(arn string) (*[]types.Tag, *apiError) {
	prefix := "arn:aws:sagemaker:" + s.opts.Region + ":" + s.opts.Account + ":"
	rest, ok := strings.CutPrefix(arn, prefix)
	kind, name, _ := strings.Cut(rest, "/")
	if ok {
		switch kind {
		case "model":
			if m, err := s.model(name); err == nil {
				return &m.Tags, nil
			}
			return nil, notFound("model", arn)
		case "endpoint-config":
			if c, err := s.config(name); err == nil {
				return &c.Tags, nil
			}
			return nil, notFound(kindConfig, arn)
		case "endpoint":
			if e, err := s.endpoint(name); err == nil {
				return &e.Tags, nil
			}
			return nil, notFound("endpoint", arn)
		case kindComponent:
			return s.componentTags(name, arn)
		}
	}
	return nil, validationf("Resource ARN %q is not a model, endpoint-config, endpoint or inference-component of this emulator (%s...).", arn, prefix)
}

// addTags adds tags and replaces the value of keys already present.
func (s *Server) addTags(in *sagemaker.AddTagsInput) (any, *apiError) {
	if err := checkTags(in.Tags); err != nil {
		return nil, err
	}
	tags, err := s.tagsOf(deref(in.ResourceArn))
	if err != nil {
		return nil, err
	}
	merged := slices.Clone(*tags)
	for _, t := range in.Tags {
		i := slices.IndexFunc(merged, func(o types.Tag) bool { return deref(o.Key) == deref(t.Key) })
		if i >= 0 {
			merged[i] = t
		} else {
			merged = append(merged, t)
		}
	}
	if len(merged) > maxTags {
		return nil, validationf("Tags of %q would exceed the limit of %d tags per resource (%d).", deref(in.ResourceArn), maxTags, len(merged))
	}
	*tags = merged
	return &sagemaker.AddTagsOutput{Tags: in.Tags}, nil
}

func (s *Server) deleteTags(in *sagemaker.DeleteTagsInput) (any, *apiError) {
	for _, k := range in.TagKeys {
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			return nil, validationf("System prefix 'aws:' reserved for AWS usage in tag key: %s", k)
		}
	}
	tags, err := s.tagsOf(deref(in.ResourceArn))
	if err != nil {
		return nil, err
	}
	*tags = slices.DeleteFunc(slices.Clone(*tags), func(t types.Tag) bool { return slices.Contains(in.TagKeys, deref(t.Key)) })
	return &sagemaker.DeleteTagsOutput{}, nil
}

// listTags answers every tag in one page: a resource holds at most 50 tags and ListTags'
// MaxResults is at least 50, so the service never truncates either. A NextToken is refused
// because the emulator never issues one.
func (s *Server) listTags(in *sagemaker.ListTagsInput) (any, *apiError) {
	tags, err := s.tagsOf(deref(in.ResourceArn))
	if err != nil {
		return nil, err
	}
	if in.NextToken != nil {
		return nil, validationf("Invalid pagination token %q: ListTags returned no NextToken to continue from.", *in.NextToken)
	}
	out := &sagemaker.ListTagsOutput{Tags: slices.Clone(*tags)}
	if out.Tags == nil {
		out.Tags = []types.Tag{}
	}
	return out, nil
}
