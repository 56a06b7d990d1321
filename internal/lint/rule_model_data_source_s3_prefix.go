package lint

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// modelDataSourceS3Prefix reports an S3Prefix model data source whose S3Uri does not end with a slash.
type modelDataSourceS3Prefix struct{}

var modelDataSourceS3PrefixInfo = &Info{
	ID:       "model-data-source-s3-prefix",
	Severity: finding.Error,
	Summary:  "flags an S3DataSource with S3DataType: S3Prefix whose S3Uri does not end with /",
	Why: "With S3DataType: S3Prefix, S3Uri is a key name prefix and SageMaker deploys every object under it. The API " +
		"reference states that a valid key name prefix always ends with a forward slash; without it the prefix would " +
		"also match sibling keys (s3://bucket/model matches model-old/ too). This applies to ModelDataSource and to " +
		"every AdditionalModelDataSources entry.",
	Source: "API Reference, S3ModelDataSource: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_S3ModelDataSource.html; " +
		"Developer Guide, Large model inference uncompressed: https://docs.aws.amazon.com/sagemaker/latest/dg/large-model-inference-uncompressed.html",
	Fix:   "End S3Uri with / (s3://bucket/prefix/), or use S3DataType: S3Object for a single object.",
	Kinds: []manifest.Kind{manifest.KindModel},
	Bad: `kind: Model
ModelName: llm-v2
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/llm:2
  ModelDataSource:
    S3DataSource:
      S3Uri: s3://acme-models/llm/v2
      S3DataType: S3Prefix
      CompressionType: None
`,
	Good: `kind: Model
ModelName: llm-v2
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/llm:2
  ModelDataSource:
    S3DataSource:
      S3Uri: s3://acme-models/llm/v2/
      S3DataType: S3Prefix
      CompressionType: None
`,
}

func (modelDataSourceS3Prefix) Info() *Info { return modelDataSourceS3PrefixInfo }

func (modelDataSourceS3Prefix) Check(p *Pass) {
	for _, c := range allContainers(p.Doc.Body) {
		for _, s := range s3DataSources(c) {
			uri := manifest.Get(s.Node, "S3Uri")
			u, ok := manifest.Str(uri)
			if !ok || u == "" || strings.HasSuffix(u, "/") || !isStr(manifest.Get(s.Node, "S3DataType"), s3DataTypePrefix) {
				continue
			}
			p.Report(uri, fmt.Sprintf("%s.%s.S3Uri %q does not end with /, but S3DataType is S3Prefix: a key name prefix must end with a slash",
				c.name(), s.Path, u), fmt.Sprintf("write %q", u+"/"))
		}
	}
}
