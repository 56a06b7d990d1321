package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// modelContainerHostnameIgnored warns about a ContainerHostname on a PrimaryContainer.
type modelContainerHostnameIgnored struct{}

var modelContainerHostnameIgnoredInfo = &Info{
	ID:       "model-container-hostname-ignored",
	Severity: finding.Warning,
	Summary:  "flags a ContainerHostname on a PrimaryContainer, where SageMaker ignores it",
	Why: "ContainerHostname names a container within an inference pipeline or a multi-container endpoint. The API " +
		"reference says the parameter is ignored for models that contain only a PrimaryContainer, so a hostname there " +
		"does not appear in logs or metrics and cannot be targeted.",
	Source: "API Reference, ContainerDefinition: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html",
	Fix:    "Remove ContainerHostname from PrimaryContainer, or move the container into Containers if the model has several.",
	Kinds:  []manifest.Kind{manifest.KindModel},
	Bad: `kind: Model
ModelName: churn-v9
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  ContainerHostname: churn
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
`,
	Good: `kind: Model
ModelName: churn-v9
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
`,
}

func (modelContainerHostnameIgnored) Info() *Info { return modelContainerHostnameIgnoredInfo }

func (modelContainerHostnameIgnored) Check(p *Pass) {
	k, v := manifest.Lookup(manifest.Get(p.Doc.Body, "PrimaryContainer"), "ContainerHostname")
	if k == nil || manifest.IsNull(v) {
		return
	}
	p.Report(k, "ContainerHostname is ignored on a PrimaryContainer: it only names containers of a Containers list",
		"remove ContainerHostname from PrimaryContainer")
}
