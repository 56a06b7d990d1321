package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// crossRegionExclusions reports a CrossRegionTrafficConfig on an endpoint config that
// has a serverless variant or AsyncInferenceConfig, which the member's documentation
// excludes.
type crossRegionExclusions struct{}

var crossRegionExclusionsInfo = &Info{
	ID:       "cross-region-exclusions",
	Severity: finding.Error,
	Summary:  "flags CrossRegionTrafficConfig next to a serverless variant or AsyncInferenceConfig",
	Why: "CrossRegionTrafficConfig caps the requests per second an endpoint accepts from inference routers in other AWS " +
		"Regions. Its documentation states: \"You can't specify it with serverless variants or with AsyncInferenceConfig.\" " +
		"The API model has no way to say so, so the schema accepts the combination.",
	Source: "CreateEndpointConfigInput.CrossRegionTrafficConfig (AWS SDK for Go v1.291.0 and later: \"You can't specify it with serverless " +
		"variants or with AsyncInferenceConfig\"): https://pkg.go.dev/github.com/aws/aws-sdk-go-v2/service/sagemaker@v1.291.0#CreateEndpointConfigInput; " +
		"the cross-Region traffic cap: https://docs.aws.amazon.com/sagemaker/latest/dg/inference-router.html#inference-router-cross-region-limit",
	Fix:   "Remove CrossRegionTrafficConfig, or make every variant instance-based and drop AsyncInferenceConfig.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: serverless-cross-region
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    ServerlessConfig:
      MemorySizeInMB: 2048
      MaxConcurrency: 5
CrossRegionTrafficConfig:
  MaxCrossRegionPercentPerEndpoint: 20
  MaxInvocationsPerSecondPerInstance: 50
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: cross-region
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.g5.2xlarge
    InitialInstanceCount: 2
CrossRegionTrafficConfig:
  MaxCrossRegionPercentPerEndpoint: 20
  MaxInvocationsPerSecondPerInstance: 50
KmsKeyId: alias/sagemaker
`, "my-model"),
}

func (crossRegionExclusions) Info() *Info { return crossRegionExclusionsInfo }

func (crossRegionExclusions) Check(p *Pass) {
	if !present(p.Doc.Body, "CrossRegionTrafficConfig") {
		return
	}
	at := keyOf(p.Doc.Body, "CrossRegionTrafficConfig")
	if anyServerless(p.Doc.Body) {
		p.Report(at, "CrossRegionTrafficConfig on an endpoint config with a serverless variant: the cross-Region traffic cap cannot be used with serverless variants",
			"remove CrossRegionTrafficConfig, or make the variants instance-based")
	}
	if present(p.Doc.Body, "AsyncInferenceConfig") {
		p.Report(at, "CrossRegionTrafficConfig with AsyncInferenceConfig: the cross-Region traffic cap cannot be used with asynchronous inference",
			"remove CrossRegionTrafficConfig or AsyncInferenceConfig")
	}
}
