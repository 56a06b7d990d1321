package lint

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
)

// tagsAWSPrefix reports tag keys in the reserved aws: namespace.
type tagsAWSPrefix struct{}

var tagsAWSPrefixInfo = &Info{
	ID:       "tag-key-aws-prefix",
	Severity: finding.Error,
	Summary:  `flags a tag key starting with "aws:", which AWS reserves`,
	Why: "The aws: prefix is reserved for tags AWS sets itself (aws:cloudformation:stack-name, ...). SageMaker answers " +
		"\"System prefix 'aws:' reserved for AWS usage in tag key\"; AWS treats the prefix case-insensitively, so AWS: and Aws: are refused too.",
	Source: "the ValidationException \"System prefix 'aws:' reserved for AWS usage in tag key\": https://github.com/aws/sagemaker-python-sdk/issues/1301; " +
		"the SageMaker Python SDK change that drops such tags: https://github.com/aws/sagemaker-python-sdk/pull/1362",
	Fix: `Rename the key without the aws: prefix, e.g. "team" or "acme:team".`,
	Bad: `kind: Endpoint
EndpointName: my-endpoint
EndpointConfigName: my-config
Tags:
  - {Key: "aws:team", Value: fraud}
`,
	Good: `kind: Endpoint
EndpointName: my-endpoint
EndpointConfigName: my-config
Tags:
  - {Key: "acme:team", Value: fraud}
`,
}

func (tagsAWSPrefix) Info() *Info { return tagsAWSPrefixInfo }

func (tagsAWSPrefix) Check(p *Pass) {
	for _, t := range tagKeys(p.Doc.Body) {
		if len(t.Value) >= 4 && strings.EqualFold(t.Value[:4], "aws:") {
			p.Report(t.Node, fmt.Sprintf("tag key %q uses the prefix %q, which is reserved for AWS", t.Value, t.Value[:4]),
				"rename the key without the aws: prefix")
		}
	}
}
