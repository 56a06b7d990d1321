package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// dataCaptureModes reports a CaptureMode listed more than once in DataCaptureConfig.CaptureOptions.
type dataCaptureModes struct{}

var dataCaptureModesInfo = &Info{
	ID:       "data-capture-mode-repeated",
	Severity: finding.Error,
	Summary:  "flags a CaptureMode listed more than once in DataCaptureConfig.CaptureOptions",
	Why: "CaptureOptions says which side of each request Model Monitor captures: Input, Output or InputAndOutput. " +
		"Listing a mode twice adds nothing and usually hides a typo for the other mode (Input twice where Input and Output was meant).",
	Source: "DataCaptureConfig.CaptureOptions: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DataCaptureConfig.html; " +
		"CaptureOption.CaptureMode: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CaptureOption.html",
	Fix:   "List each CaptureMode once; use InputAndOutput, or Input and Output, to capture both sides.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
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
    - CaptureMode: Output
KmsKeyId: alias/sagemaker
`, "my-model"),
}

func (dataCaptureModes) Info() *Info { return dataCaptureModesInfo }

func (dataCaptureModes) Check(p *Pass) {
	seen := map[string]*yaml.Node{}
	for _, opt := range manifest.Items(manifest.Get(manifest.Get(p.Doc.Body, "DataCaptureConfig"), "CaptureOptions")) {
		n := manifest.Get(opt, "CaptureMode")
		mode, ok := manifest.Str(n)
		if !ok {
			continue
		}
		if first, dup := seen[mode]; dup {
			p.Report(n, fmt.Sprintf("CaptureMode %q is already listed at line %d; each mode may appear once", mode, first.Line),
				"remove the repeated option, or change it to the mode you meant (Input, Output or InputAndOutput)")
			continue
		}
		seen[mode] = n
	}
}
