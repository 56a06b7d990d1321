package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
)

// namesDuplicate reports two documents of one kind that define the same resource name.
type namesDuplicate struct{}

var namesDuplicateInfo = &Info{
	ID:       "resource-name-duplicate",
	Severity: finding.Error,
	Summary:  "flags two manifests that define a resource of the same kind with the same name",
	Why: "Model, endpoint config and endpoint names are unique per account and Region. Two manifests with one name describe " +
		"one resource twice: a plan cannot tell which is meant, and applying both would make the second overwrite or fail on the first.",
	Source: "CreateEndpoint.EndpointName (\"must be unique within an Amazon Web Services Region\"): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpoint.html; " +
		"the ValidationException \"Cannot create already existing endpoint\": https://github.com/hashicorp/terraform-provider-aws/issues/40080",
	Fix: "Rename one of the resources, or delete the duplicate manifest.",
	Bad: `kind: Endpoint
EndpointName: churn
EndpointConfigName: churn-v1
---
kind: Endpoint
EndpointName: churn
EndpointConfigName: churn-v2
`,
	Good: `kind: Endpoint
EndpointName: churn
EndpointConfigName: churn-v1
---
kind: Endpoint
EndpointName: churn-canary
EndpointConfigName: churn-v2
`,
}

func (namesDuplicate) Info() *Info { return namesDuplicateInfo }

func (namesDuplicate) Check(p *Pass) {
	if p.Doc.Kind.Autoscaling() {
		return // a policy or action name is unique per scalable target only, and a target is named by ResourceId and dimension
	}
	n, name, ok := nameNode(p.Doc)
	if !ok {
		return
	}
	first, ok := p.names.exactOf(p, p.Doc.Kind, name)
	if !ok || first.Doc == p.Doc {
		return
	}
	p.Report(n, fmt.Sprintf("%s %q is already defined at %s; names are unique per kind", p.Doc.Kind, name, where(p, first)),
		fmt.Sprintf("rename one of the two %ss, or remove the duplicate manifest", p.Doc.Kind))
}
