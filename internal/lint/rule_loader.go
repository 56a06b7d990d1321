package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// loaderRule documents a finding the manifest loader reports before any rule runs
// (a file that is not YAML, a document that is not a manifest). It is listed in the
// registry so `sagectl rules`, `sagectl explain` and SARIF cover every rule ID sagectl
// can emit; its Check does nothing because the loader has already reported.
type loaderRule struct{ info *Info }

func (r loaderRule) Info() *Info { return r.info }

func (loaderRule) Check(*Pass) {}

var yamlSyntaxInfo = &Info{
	ID:       manifest.RuleSyntax,
	Severity: finding.Error,
	Summary:  "flags a file that is not valid YAML or JSON",
	Why: "sagectl reads manifests with a YAML 1.2 parser (JSON is a subset of YAML). A file it cannot parse " +
		"cannot be checked, and `aws sagemaker create-endpoint-config --cli-input-yaml` would reject it too.",
	Source: "YAML 1.2.2, chapter 6 Structural Productions: https://yaml.org/spec/1.2.2/#chapter-6-structural-productions; " +
		"the AWS CLI's --cli-input-yaml: https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-skeleton.html",
	Fix:  "Fix the syntax at the reported position; indent with spaces, never tabs.",
	Bad:  "kind: Model\nModelName: churn-v8\nPrimaryContainer:\n\tImage: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:8\n",
	Good: "kind: Model\nModelName: churn-v8\nExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker-exec\nPrimaryContainer:\n  Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:8\n",
}

var manifestDocumentInfo = &Info{
	ID:              manifest.RuleDocument,
	Severity:        finding.Error,
	OtherSeverities: []finding.Severity{finding.Warning},
	Summary:         "flags a document that is not a manifest: empty, not a mapping, duplicate keys, binary or too large",
	Why: "Each YAML document is one request to the SageMaker API (CreateModel, CreateEndpointConfig or CreateEndpoint), " +
		"whose body is a JSON object. A list, a bare value, a duplicate key (YAML keeps only one of the two values) or a " +
		"binary file cannot be such a request.",
	Source: "CreateEndpointConfig request syntax: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html",
	Fix:    "Write each document as a mapping of the request's fields, each key once; remove empty documents and stray `---`.",
	Bad:    "- kind: Endpoint\n  EndpointName: churn\n  EndpointConfigName: churn-prod-v8\n",
	Good:   "kind: Endpoint\nEndpointName: churn\nEndpointConfigName: churn-prod-v8\n",
}

var manifestKindInfo = &Info{
	ID:       manifest.RuleKind,
	Severity: finding.Error,
	Summary:  "flags a kind that is missing or is not Model, EndpointConfig or Endpoint",
	Why: "The kind says which SageMaker request the document is: Model for CreateModel, EndpointConfig for " +
		"CreateEndpointConfig, Endpoint for CreateEndpoint. Without it sagectl recognises only the fields of an " +
		"EndpointConfig, Model or Endpoint request as the AWS CLI's --cli-input-yaml files have them.",
	Source: "CreateModel: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html; " +
		"CreateEndpointConfig: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html; " +
		"CreateEndpoint: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpoint.html",
	Fix:  "Set kind to Model, EndpointConfig or Endpoint.",
	Bad:  "kind: EndpointConf\nEndpointConfigName: churn-prod-v8\n",
	Good: "kind: Endpoint\nEndpointName: churn\nEndpointConfigName: churn-prod-v8\n",
}

// The loader's findings as registry entries.
var (
	yamlSyntax       Rule = loaderRule{yamlSyntaxInfo}
	manifestDocument Rule = loaderRule{manifestDocumentInfo}
	manifestKind     Rule = loaderRule{manifestKindInfo}
)
