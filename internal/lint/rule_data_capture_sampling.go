package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// dataCaptureSampling warns when data capture is on but samples no request.
type dataCaptureSampling struct{}

var dataCaptureSamplingInfo = &Info{
	ID:       "data-capture-sampling-zero",
	Severity: finding.Warning,
	Summary:  "flags enabled data capture with InitialSamplingPercentage 0, which captures nothing",
	Why: "EnableCapture defaults to true, and InitialSamplingPercentage is the share of requests captured. At 0 the endpoint " +
		"pays for data capture being configured yet never writes a record, and Model Monitor jobs find no data.",
	Source: "DataCaptureConfig.EnableCapture (\"defaults to enabled\") and InitialSamplingPercentage 0..100: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DataCaptureConfig.html",
	Fix:    "Set InitialSamplingPercentage to the share of requests to capture (1-100), or set EnableCapture: false to turn capture off.",
	Kinds:  []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: capture
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
DataCaptureConfig:
  InitialSamplingPercentage: 0
  DestinationS3Uri: s3://capture-bucket/fraud
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
  InitialSamplingPercentage: 5
  DestinationS3Uri: s3://capture-bucket/fraud
  CaptureOptions:
    - CaptureMode: Input
KmsKeyId: alias/sagemaker
`, "my-model"),
}

func (dataCaptureSampling) Info() *Info { return dataCaptureSamplingInfo }

func (dataCaptureSampling) Check(p *Pass) {
	dc := manifest.Get(p.Doc.Body, "DataCaptureConfig")
	n := manifest.Get(dc, "InitialSamplingPercentage")
	if pct, ok := manifest.Int(n); !ok || pct != 0 {
		return
	}
	if on, ok := manifest.Bool(manifest.Get(dc, "EnableCapture")); ok && !on {
		return
	}
	p.Report(n, "InitialSamplingPercentage is 0 while data capture is enabled: no request will be captured",
		"set a percentage from 1 to 100, or set EnableCapture: false")
}
