package lint

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// namesEndpointCase reports endpoints whose names differ only by letter case.
type namesEndpointCase struct{}

var namesEndpointCaseInfo = &Info{
	ID:       "endpoint-name-case-conflict",
	Severity: finding.Error,
	Summary:  "flags two Endpoints whose names differ only by letter case",
	Why: "SageMaker endpoint names are case-insensitive: CreateEndpoint treats Churn-Prod and churn-prod as the same endpoint " +
		"(while InvokeEndpoint keeps the case you wrote). Two manifests that differ only by case describe one endpoint twice, " +
		"and the second create fails with \"Cannot create already existing endpoint\".",
	Source: "CreateEndpoint.EndpointName (\"The name is case-insensitive in CreateEndpoint\"): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpoint.html; " +
		"CfnEndpointProps.endpointName: https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_sagemaker.CfnEndpointProps.html",
	Fix:   "Give the endpoints names that differ by more than case, or keep one manifest.",
	Kinds: []manifest.Kind{manifest.KindEndpoint},
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
	first, ok := namesOf(p.Set).folded[p.Doc.Kind][strings.ToLower(name)]
	if !ok || first.Name == name {
		return // the first spelling, or an exact duplicate (resource-name-duplicate reports it)
	}
	p.Report(n, fmt.Sprintf("EndpointName %q differs only by case from %q at %s; endpoint names are case-insensitive, so both name one endpoint",
		name, first.Name, where(p, first)), "use one spelling for one endpoint, or give the endpoints distinct names")
}
