package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// referenceModel reports variant model names that match no Model in the linted files.
type referenceModel struct{}

var referenceModelInfo = &Info{
	ID:              "unresolved-model-name",
	Severity:        finding.Warning,
	OtherSeverities: []finding.Severity{finding.Info},
	Summary:         "flags a variant's ModelName or ModelNameOverride that names no Model in the linted files",
	Why: "CreateEndpointConfig fails with \"Could not find model\" when a variant names a model that does not exist, and " +
		"plan orders creates Model before EndpointConfig only for models it knows. When the linted files define Models, a name " +
		"that matches none of them is most likely a typo (warning); when they define none, the model may exist live (info, once per " +
		"model and document).",
	Source: "ProductionVariant.ModelName (\"the name that you specified when creating the model\"): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html; " +
		"InstancePool.ModelNameOverride: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InstancePool.html; " +
		"the ValidationException \"Could not find model\", as the Terraform AWS provider matches it: https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/sagemaker/model.go",
	Fix:   "Correct the ModelName, or lint the Model's manifest together with the endpoint config.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: `kind: Model
ModelName: churn-v9
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
---
kind: EndpointConfig
EndpointConfigName: churn
ProductionVariants:
  - VariantName: main
    ModelName: churn-v8
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
`,
	Good: `kind: Model
ModelName: churn-v9
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
---
kind: EndpointConfig
EndpointConfigName: churn
ProductionVariants:
  - VariantName: main
    ModelName: churn-v9
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
`,
}

func (referenceModel) Info() *Info { return referenceModelInfo }

func (referenceModel) Check(p *Pass) {
	infoDone := map[string]bool{}
	for _, v := range variants(p.Doc.Body) {
		checkReference(p, manifest.Get(v.Node, "ModelName"), "ModelName", manifest.KindModel, infoDone)
		for _, pool := range manifest.Items(manifest.Get(v.Node, "InstancePools")) {
			checkReference(p, manifest.Get(pool, "ModelNameOverride"), "ModelNameOverride", manifest.KindModel, infoDone)
		}
	}
}
