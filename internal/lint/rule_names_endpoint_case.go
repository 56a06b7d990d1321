package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// namesEndpointCase reports two resources of one kind (models, endpoint configs, endpoints)
// whose names differ only by letter case. The ID keeps the name it had when it checked
// endpoints only, so configurations that set it keep working.
type namesEndpointCase struct{}

var namesEndpointCaseInfo = &Info{
	ID:       "endpoint-name-case-conflict",
	Severity: finding.Error,
	Summary:  "flags two Models, EndpointConfigs or Endpoints whose names differ only by letter case",
	Why: "SageMaker names are case-insensitive: CreateEndpoint treats Churn-Prod and churn-prod as the same endpoint " +
		"(while InvokeEndpoint keeps the case you wrote), and a model or endpoint config is found under its lower-cased ARN. " +
		"Two manifests that differ only by case describe one resource twice: the second create fails with \"Cannot create already existing\", " +
		"and sagectl plan refuses to plan them.",
	Source: "CreateEndpoint.EndpointName (\"The name is case-insensitive in CreateEndpoint\"): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpoint.html; " +
		"CfnEndpointProps.endpointName: https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_sagemaker.CfnEndpointProps.html; " +
		"the lower-cased ARN in \"Could not find endpoint configuration\": https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/sagemaker/endpoint_configuration.go",
	Fix:   "Give the resources names that differ by more than case, or keep one manifest.",
	Kinds: []manifest.Kind{manifest.KindModel, manifest.KindEndpointConfig, manifest.KindEndpoint},
	Bad: `kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-v1
---
kind: Endpoint
EndpointName: Churn-Prod
EndpointConfigName: churn-v2
`,
	Good: `kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-v1
---
kind: Endpoint
EndpointName: churn-staging
EndpointConfigName: churn-v2
`,
}

func (namesEndpointCase) Info() *Info { return namesEndpointCaseInfo }

func (namesEndpointCase) Check(p *Pass) {
	n, name, ok := nameNode(p.Doc)
	if !ok {
		return
	}
	first, ok := p.names.foldedOf(p, p.Doc.Kind, manifest.NameKey(name))
	if !ok || first.Name == name {
		return // the first spelling, or an exact duplicate (resource-name-duplicate reports it)
	}
	p.Report(n, fmt.Sprintf("%s %q differs only by case from %q at %s; SageMaker names are case-insensitive, so both name one %s",
		p.Doc.Kind.NameField(), name, first.Name, where(p, first), p.Doc.Kind), fmt.Sprintf("use one spelling for one %s, or give the %ss distinct names", p.Doc.Kind, p.Doc.Kind))
}
