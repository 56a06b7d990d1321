package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// asyncS3Location reports an asynchronous output or failure location that names no real bucket.
type asyncS3Location struct{}

var asyncS3LocationInfo = &Info{
	ID:       "async-s3-location",
	Severity: finding.Error,
	Summary:  "flags an AsyncInferenceConfig S3OutputPath or S3FailurePath that names no real S3 bucket",
	Why: "Asynchronous inference uploads responses to S3OutputPath and failures to S3FailurePath. The API model's pattern, " +
		"(https|s3)://([^/])/?(.*), accepts any single character as the bucket, so a malformed location passes it and " +
		"responses are lost at run time.",
	Source: s3URISource,
	Fix:    "Write the location as s3://BUCKET/PREFIX with the name of an existing bucket.",
	Kinds:  []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: async
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
AsyncInferenceConfig:
  OutputConfig:
    S3OutputPath: s3://acme..async/output
KmsKeyId: alias/sagemaker
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: async
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
AsyncInferenceConfig:
  OutputConfig:
    S3OutputPath: s3://acme-async/output
KmsKeyId: alias/sagemaker
`, "my-model"),
}

func (asyncS3Location) Info() *Info { return asyncS3LocationInfo }

func (asyncS3Location) Check(p *Pass) {
	oc := manifest.Get(manifest.Get(p.Doc.Body, "AsyncInferenceConfig"), "OutputConfig")
	for _, field := range []string{"S3OutputPath", "S3FailurePath"} {
		reportS3Location(p, manifest.Get(oc, field), field, "s3://BUCKET/PREFIX")
	}
}
