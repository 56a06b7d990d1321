package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
)

// tagsDuplicate reports a tag key given twice on one resource.
type tagsDuplicate struct{}

var tagsDuplicateInfo = &Info{
	ID:       "tag-key-duplicate",
	Severity: finding.Error,
	Summary:  "flags a tag key that appears more than once in Tags",
	Why: "Tag keys must be unique per resource: a resource holds one value per key. SageMaker rejects a request that repeats " +
		"a key, and even where a tool silently keeps one of the values, which one wins is not what the manifest says.",
	Source: tagsSource,
	Fix:    "Keep one tag per key; merge the values or rename one of the keys.",
	Bad: `kind: Model
ModelName: my-model
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-model:1
Tags:
  - {Key: env, Value: prod}
  - {Key: env, Value: staging}
`,
	Good: `kind: Model
ModelName: my-model
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-model:1
Tags:
  - {Key: env, Value: prod}
  - {Key: stage, Value: staging}
`,
}

func (tagsDuplicate) Info() *Info { return tagsDuplicateInfo }

func (tagsDuplicate) Check(p *Pass) {
	seen := map[string]tagKey{}
	for _, t := range tagKeys(p.Doc.Body) {
		if first, dup := seen[t.Value]; dup {
			p.Report(t.Node, fmt.Sprintf("tag key %q is already used at line %d; tag keys must be unique per resource", t.Value, first.Node.Line),
				"remove one of the two tags or rename its key")
			continue
		}
		seen[t.Value] = t
	}
}
