package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// dataCaptureDestination reports a DataCaptureConfig.DestinationS3Uri that names no real bucket.
type dataCaptureDestination struct{}

var dataCaptureDestinationInfo = &Info{
	ID:       "data-capture-destination",
	Severity: finding.Error,
	Summary:  "flags a DataCaptureConfig.DestinationS3Uri that names no real S3 bucket",
	Why: "The API model's pattern for DestinationS3Uri, (https|s3)://([^/])/?(.*), only requires one character after the scheme, " +
		"so s3://My_Bucket or s3:/// typos pass it. SageMaker writes captured requests there: a location with no valid bucket " +
		"means the endpoint config is rejected or captures go nowhere.",
	Source: s3URISource,
	Fix:    "Write the location as s3://BUCKET/PREFIX with the name of an existing bucket (3-63 lowercase letters, digits, dots, hyphens).",
	Kinds:  []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: capture
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
DataCaptureConfig:
  InitialSamplingPercentage: 20
  DestinationS3Uri: s3://Capture_Bucket/fraud
  CaptureOptions:
    - CaptureMode: Input
KmsKeyId: alias/sagemaker
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: capture
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
DataCaptureConfig:
  InitialSamplingPercentage: 20
  DestinationS3Uri: s3://capture-bucket/fraud
  CaptureOptions:
    - CaptureMode: Input
KmsKeyId: alias/sagemaker
`, "my-model"),
}

func (dataCaptureDestination) Info() *Info { return dataCaptureDestinationInfo }

func (dataCaptureDestination) Check(p *Pass) {
	n := manifest.Get(manifest.Get(p.Doc.Body, "DataCaptureConfig"), "DestinationS3Uri")
	uri, ok := manifest.Str(n)
	if !ok {
		return
	}
	if why := s3URIProblem(uri); why != "" {
		p.Report(n, fmt.Sprintf("DestinationS3Uri %q is not a usable S3 location: %s", uri, why),
			"write s3://BUCKET/PREFIX with the name of an existing bucket")
	}
}
