package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// modelDataSourceMultiModel reports a multi-model container that locates its model data
// with ModelDataSource.
type modelDataSourceMultiModel struct{}

var modelDataSourceMultiModelInfo = &Info{
	ID:       "model-data-source-multi-model",
	Severity: finding.Error,
	Summary:  "flags a container that sets ModelDataSource and Mode: MultiModel",
	Why: "ModelDataSource deploys uncompressed model data from S3. The API reference states that it cannot be used " +
		"with SageMaker multi-model endpoints (nor with batch transform, serverless endpoints or Marketplace). A " +
		"multi-model container loads its models on demand from the S3 prefix given in ModelDataUrl instead.",
	Source: "API Reference, ContainerDefinition: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html; " +
		"Developer Guide, Large model inference uncompressed: https://docs.aws.amazon.com/sagemaker/latest/dg/large-model-inference-uncompressed.html",
	Fix:   "For a multi-model container, give the S3 prefix of the model archives in ModelDataUrl; keep ModelDataSource for single-model containers.",
	Kinds: []manifest.Kind{manifest.KindModel},
	Bad: `kind: Model
ModelName: tenants
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
  Mode: MultiModel
  ModelDataSource:
    S3DataSource:
      S3Uri: s3://acme-models/tenants/
      S3DataType: S3Prefix
      CompressionType: None
`,
	Good: `kind: Model
ModelName: tenants
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
  Mode: MultiModel
  ModelDataUrl: s3://acme-models/tenants/
`,
}

func (modelDataSourceMultiModel) Info() *Info { return modelDataSourceMultiModelInfo }

func (modelDataSourceMultiModel) Check(p *Pass) {
	for _, c := range allContainers(p.Doc.Body) {
		mode := manifest.Get(c.Node, "Mode")
		k, v := manifest.Lookup(c.Node, "ModelDataSource")
		if k == nil || manifest.IsNull(v) || !isStr(mode, containerModeMultiModel) {
			continue
		}
		p.Report(k, fmt.Sprintf("%s sets ModelDataSource with Mode: MultiModel (line %d); ModelDataSource cannot be used with multi-model endpoints",
			c.name(), mode.Line), "use ModelDataUrl with the S3 prefix of the model archives instead")
	}
}
