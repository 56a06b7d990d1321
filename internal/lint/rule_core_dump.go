package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// coreDumpDestination reports a CoreDumpConfig.DestinationS3Uri that names no real bucket.
type coreDumpDestination struct{}

var coreDumpDestinationInfo = &Info{
	ID:       "core-dump-destination",
	Severity: finding.Error,
	Summary:  "flags a CoreDumpConfig.DestinationS3Uri that names no real S3 bucket",
	Why: "When the model container crashes, SageMaker uploads its core dump to CoreDumpConfig.DestinationS3Uri. The API model's " +
		"pattern, (https|s3)://([^/])/?(.*), accepts any single character as the bucket, so a malformed location passes it and " +
		"is only found when the dump you need for debugging is lost.",
	Source: "ProductionVariantCoreDumpConfig.DestinationS3Uri, pattern (https|s3)://([^/])/?(.*): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantCoreDumpConfig.html; " +
		"S3 bucket naming rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
	Fix:   "Write the location as s3://BUCKET/PREFIX with the name of an existing bucket.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: dumps
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    CoreDumpConfig:
      DestinationS3Uri: s3://ab/core-dumps
KmsKeyId: alias/sagemaker
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: dumps
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    CoreDumpConfig:
      DestinationS3Uri: s3://acme-core-dumps/my-model
KmsKeyId: alias/sagemaker
`, "my-model"),
}

func (coreDumpDestination) Info() *Info { return coreDumpDestinationInfo }

func (coreDumpDestination) Check(p *Pass) {
	for _, v := range variants(p.Doc.Body) {
		reportS3Location(p, manifest.Get(manifest.Get(v.Node, "CoreDumpConfig"), "DestinationS3Uri"), "CoreDumpConfig.DestinationS3Uri", "s3://BUCKET/PREFIX")
	}
}
