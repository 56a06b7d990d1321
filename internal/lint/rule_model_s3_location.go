package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// modelS3Location reports a Model's S3 location (ModelDataUrl, an S3DataSource's S3Uri)
// that names no real bucket, as the EndpointConfig's S3 rules do for theirs.
type modelS3Location struct{}

var modelS3LocationInfo = &Info{
	ID:       "model-s3-location",
	Severity: finding.Error,
	Summary:  "flags a Model's ModelDataUrl or S3DataSource.S3Uri that names no real S3 bucket",
	Why: "SageMaker downloads the model artifacts from ModelDataUrl, ModelDataSource.S3DataSource.S3Uri or an " +
		"AdditionalModelDataSources entry when it creates the endpoint. The API's patterns accept any host-like text as the bucket, " +
		"so s3://My_Bucket/model.tar.gz passes them and fails only at deployment, after the endpoint has started creating.",
	Source: "ContainerDefinition.ModelDataUrl, pattern ^(https|s3)://([^/]+)/?(.*)$: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html; " +
		"S3ModelDataSource.S3Uri: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_S3ModelDataSource.html; " +
		"S3 bucket naming rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
	Fix:   "Write the location as s3://BUCKET/KEY with the name of an existing bucket (3-63 lowercase letters, digits, dots, hyphens).",
	Kinds: []manifest.Kind{manifest.KindModel},
	Bad: `kind: Model
ModelName: my-model
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker-exec
PrimaryContainer:
  Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:8
  ModelDataUrl: s3://Model_Artifacts/churn/model.tar.gz
`,
	Good: `kind: Model
ModelName: my-model
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker-exec
PrimaryContainer:
  Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:8
  ModelDataUrl: s3://model-artifacts/churn/model.tar.gz
`,
}

func (modelS3Location) Info() *Info { return modelS3LocationInfo }

func (modelS3Location) Check(p *Pass) {
	check := func(n *yaml.Node, field string) { reportS3Location(p, n, field, "s3://BUCKET/KEY") }
	for _, c := range allContainers(p.Doc.Body) {
		check(manifest.Get(c.Node, "ModelDataUrl"), "ModelDataUrl")
		check(manifest.Get(manifest.Get(manifest.Get(c.Node, "ModelDataSource"), "S3DataSource"), "S3Uri"), "ModelDataSource.S3DataSource.S3Uri")
		for _, a := range manifest.Items(manifest.Get(c.Node, "AdditionalModelDataSources")) {
			check(manifest.Get(manifest.Get(a, "S3DataSource"), "S3Uri"), "AdditionalModelDataSources.S3DataSource.S3Uri")
		}
	}
}
