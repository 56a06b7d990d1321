package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// serverlessModelDataSource reports a serverless variant whose Model (in the linted files)
// locates model data with ModelDataSource.
type serverlessModelDataSource struct{}

var serverlessModelDataSourceInfo = &Info{
	ID:       "serverless-model-data-source",
	Severity: finding.Error,
	Summary:  "flags a serverless variant whose Model sets ModelDataSource",
	Why: "The ContainerDefinition reference states that ModelDataSource (uncompressed model data from S3) cannot be " +
		"used with SageMaker serverless endpoints. It is set on the Model, so the endpoint config alone looks fine; " +
		"this rule follows the serverless variant's ModelName to a Model in the linted files.",
	Source: "API Reference, ContainerDefinition: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html; " +
		"Developer Guide, Serverless endpoints: https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html",
	Fix:   "Package the model as a .tar.gz archive in ModelDataUrl for serverless hosting, or host the Model on an instance-based variant.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: `kind: Model
ModelName: llm-small
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/llm:2
  ModelDataSource:
    S3DataSource:
      S3Uri: s3://acme-models/llm-small/
      S3DataType: S3Prefix
      CompressionType: None
---
kind: EndpointConfig
EndpointConfigName: llm-small-serverless
ProductionVariants:
  - VariantName: main
    ModelName: llm-small
    ServerlessConfig:
      MemorySizeInMB: 6144
      MaxConcurrency: 5
`,
	Good: `kind: Model
ModelName: llm-small
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/llm:2
  ModelDataUrl: s3://acme-models/llm-small/model.tar.gz
---
kind: EndpointConfig
EndpointConfigName: llm-small-serverless
ProductionVariants:
  - VariantName: main
    ModelName: llm-small
    ServerlessConfig:
      MemorySizeInMB: 6144
      MaxConcurrency: 5
`,
}

func (serverlessModelDataSource) Info() *Info { return serverlessModelDataSourceInfo }

func (serverlessModelDataSource) Check(p *Pass) {
	serverlessModels(p, func(v variant, m *manifest.Document, ref *yaml.Node) {
		for _, c := range allContainers(m.Body) {
			k, src := manifest.Lookup(c.Node, "ModelDataSource")
			if k == nil || manifest.IsNull(src) {
				continue
			}
			f := modelFeature{What: c.name() + ".ModelDataSource", Line: k.Line}
			p.Report(ref, fmt.Sprintf("serverless variant %s uses Model %q, whose %s (%s) cannot be used with serverless endpoints",
				v.name(), m.Name(), f.What, f.where(p, m)),
				"give the model data as a .tar.gz in ModelDataUrl, or host this model on an instance-based variant")
			break
		}
	})
}
