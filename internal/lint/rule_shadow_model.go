package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// shadowModel reports a shadow test whose Models (in the linted files) are packaged in a
// way shadow tests do not support.
type shadowModel struct{}

var shadowModelInfo = &Info{
	ID:       "shadow-model-exclusions",
	Severity: finding.Error,
	Summary:  "flags a Model in a shadow test that is multi-model, an inference pipeline or a Marketplace package",
	Why: "SageMaker's shadow-test exclusions include AWS Marketplace containers, multi-container endpoints (inference " +
		"pipelines) and multi-model endpoints. Those are properties of the Model, so this rule follows each variant's " +
		"ModelName to a Model in the linted files.",
	Source: "shadow test exclusions: https://docs.aws.amazon.com/sagemaker/latest/dg/shadow-tests-exclusions.html",
	Fix:    "Shadow-test single-model, single-container Models only, or drop ShadowProductionVariants.",
	Kinds:  []manifest.Kind{manifest.KindEndpointConfig},
	Bad: `kind: Model
ModelName: pipeline
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
Containers:
  - Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/prep:1
  - Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
---
kind: Model
ModelName: current
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:8
---
kind: EndpointConfig
EndpointConfigName: shadow
ProductionVariants:
  - VariantName: current
    ModelName: current
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
ShadowProductionVariants:
  - VariantName: candidate
    ModelName: pipeline
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
`,
	Good: `kind: Model
ModelName: candidate
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
---
kind: Model
ModelName: current
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:8
---
kind: EndpointConfig
EndpointConfigName: shadow
ProductionVariants:
  - VariantName: current
    ModelName: current
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
ShadowProductionVariants:
  - VariantName: candidate
    ModelName: candidate
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
`,
}

func (shadowModel) Info() *Info { return shadowModelInfo }

func (shadowModel) Check(p *Pass) {
	if len(manifest.Items(manifest.Get(p.Doc.Body, "ShadowProductionVariants"))) == 0 {
		return
	}
	for _, v := range variants(p.Doc.Body) {
		m, ref := variantModel(p, v)
		if m == nil {
			continue
		}
		for _, f := range packagingFeatures(m.Body) {
			p.Report(ref, fmt.Sprintf("variant %s of a shadow test uses Model %q, which uses %s (%s); shadow tests do not support it", v.name(), m.Name(), f.What, f.where(p, m)),
				"shadow-test a single-model, single-container Model instead")
		}
	}
}
