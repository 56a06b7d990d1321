package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// serverlessModel reports a serverless variant whose Model (in the linted files) uses a
// feature serverless endpoints do not support.
type serverlessModel struct{}

var serverlessModelInfo = &Info{
	ID:       "serverless-model-exclusions",
	Severity: finding.Error,
	Summary:  "flags a serverless variant whose Model is multi-model, a pipeline, a Marketplace package, in a VPC, isolated or from a private registry",
	Why: "Serverless Inference's feature exclusions include multi-model endpoints, inference pipelines, AWS Marketplace model " +
		"packages, private Docker registries, VPC configuration and network isolation. Those are set on the Model, so the " +
		"endpoint config alone looks fine; this rule follows the variant's ModelName to a Model in the linted files.",
	Source: "serverless endpoints, Feature exclusions: https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html",
	Fix:    "Deploy that Model on an instance-based variant, or remove the unsupported setting from the Model.",
	Kinds:  []manifest.Kind{manifest.KindEndpointConfig},
	Bad: `kind: Model
ModelName: multi
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
  ModelDataUrl: s3://acme-models/churn/
  Mode: MultiModel
---
kind: EndpointConfig
EndpointConfigName: serverless
ProductionVariants:
  - VariantName: main
    ModelName: multi
    ServerlessConfig:
      MemorySizeInMB: 2048
      MaxConcurrency: 5
`,
	Good: `kind: Model
ModelName: single
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
---
kind: EndpointConfig
EndpointConfigName: serverless
ProductionVariants:
  - VariantName: main
    ModelName: single
    ServerlessConfig:
      MemorySizeInMB: 2048
      MaxConcurrency: 5
`,
}

func (serverlessModel) Info() *Info { return serverlessModelInfo }

func (serverlessModel) Check(p *Pass) {
	serverlessModels(p, func(v variant, m *manifest.Document, ref *yaml.Node) {
		for _, f := range append(packagingFeatures(m.Body), networkFeatures(m.Body)...) {
			p.Report(ref, fmt.Sprintf("serverless variant %s uses Model %q, which uses %s (%s); serverless endpoints do not support it", v.name(), m.Name(), f.What, f.where(p, m)),
				"host this model on an instance-based variant, or remove the setting from the Model")
		}
	})
}
