package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// serverlessExclusions reports endpoint-config features that serverless endpoints do
// not support.
type serverlessExclusions struct{}

var serverlessExclusionsInfo = &Info{
	ID:       "serverless-exclusions",
	Severity: finding.Error,
	Summary:  "flags a serverless endpoint config with several production variants, data capture, a VPC or network isolation",
	Why: "Serverless Inference's feature exclusions list multiple production variants, data capture, VPC configuration and " +
		"network isolation (among others); SageMaker rejects such a config. Shadow variants are reported by shadow-exclusions, " +
		"AsyncInferenceConfig by serverless-async and KmsKeyId by serverless-kms.",
	Source: "serverless endpoints, Feature exclusions: https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html",
	Fix:    "Remove the unsupported feature, or make the endpoint instance-based (InstanceType and InitialInstanceCount instead of ServerlessConfig).",
	Kinds:  []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: serverless
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    ServerlessConfig:
      MemorySizeInMB: 2048
      MaxConcurrency: 5
DataCaptureConfig:
  InitialSamplingPercentage: 10
  DestinationS3Uri: s3://my-bucket/capture
  CaptureOptions:
    - CaptureMode: Input
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: serverless
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    ServerlessConfig:
      MemorySizeInMB: 2048
      MaxConcurrency: 5
`, "my-model"),
}

func (serverlessExclusions) Info() *Info { return serverlessExclusionsInfo }

func (serverlessExclusions) Check(p *Pass) {
	body := p.Doc.Body
	if !anyServerless(body) {
		return
	}
	if pv := productionVariants(body); len(pv) > 1 {
		p.Report(keyOf(body, "ProductionVariants"), fmt.Sprintf("a serverless endpoint config has %d production variants; serverless endpoints support exactly one", len(pv)),
			"keep one production variant, or make every variant instance-based")
	}
	for _, f := range []string{"DataCaptureConfig", "VpcConfig"} {
		if present(body, f) {
			p.Report(keyOf(body, f), fmt.Sprintf("%s is not supported with serverless variants", f),
				fmt.Sprintf("remove %s, or make the variant instance-based", f))
		}
	}
	if on, _ := manifest.Bool(manifest.Get(body, "EnableNetworkIsolation")); on {
		p.Report(keyOf(body, "EnableNetworkIsolation"), "EnableNetworkIsolation: true is not supported with serverless variants",
			"remove EnableNetworkIsolation, or make the variant instance-based")
	}
}
