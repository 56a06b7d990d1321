package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// shadowExclusions reports features that shadow tests do not support.
type shadowExclusions struct{}

var shadowExclusionsInfo = &Info{
	ID:       "shadow-exclusions",
	Severity: finding.Error,
	Summary:  "flags shadow variants combined with serverless, asynchronous inference, Inf1 instances or Elastic Inference",
	Why: "SageMaker's shadow-test exclusions list serverless inference, asynchronous inference, Inf1 (ml.inf1.*) instances " +
		"and Elastic Inference (AcceleratorType), besides Marketplace, multi-container and multi-model models; a config that " +
		"combines them with ShadowProductionVariants is rejected.",
	Source: "shadow test exclusions: https://docs.aws.amazon.com/sagemaker/latest/dg/shadow-tests-exclusions.html",
	Fix:    "Use instance-based, real-time variants on a non-Inf1 instance type (ml.inf2.* instead of ml.inf1.*), or drop the shadow variant.",
	Kinds:  []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: shadow
ProductionVariants:
  - VariantName: current
    ModelName: model-a
    InstanceType: ml.inf1.xlarge
    InitialInstanceCount: 1
ShadowProductionVariants:
  - VariantName: shadow-b
    ModelName: model-b
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
`, "model-a", "model-b"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: shadow
ProductionVariants:
  - VariantName: current
    ModelName: model-a
    InstanceType: ml.inf2.xlarge
    InitialInstanceCount: 1
ShadowProductionVariants:
  - VariantName: shadow-b
    ModelName: model-b
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
`, "model-a", "model-b"),
}

func (shadowExclusions) Info() *Info { return shadowExclusionsInfo }

func (shadowExclusions) Check(p *Pass) {
	body := p.Doc.Body
	if len(manifest.Items(manifest.Get(body, "ShadowProductionVariants"))) == 0 {
		return
	}
	if present(body, "AsyncInferenceConfig") {
		p.Report(keyOf(body, "AsyncInferenceConfig"), "AsyncInferenceConfig is not supported with ShadowProductionVariants",
			"remove AsyncInferenceConfig, or run the shadow test on a real-time endpoint")
	}
	for _, v := range variants(body) {
		if v.serverless() {
			p.Report(keyOf(v.Node, "ServerlessConfig"), fmt.Sprintf("variant %s is serverless; shadow tests do not support serverless variants", v.name()),
				"use InstanceType and InitialInstanceCount instead of ServerlessConfig")
		}
		if k := keyOf(v.Node, "AcceleratorType"); k != nil {
			p.Report(k, fmt.Sprintf("variant %s sets AcceleratorType; shadow tests do not support Elastic Inference", v.name()),
				"remove AcceleratorType")
		}
		for _, t := range v.instanceTypes() {
			if instanceFamily(t.Value) == "inf1" {
				p.Report(t.Node, fmt.Sprintf("instance type %s of variant %s is Inf1; shadow tests do not support Inf1 instances", t.Value, v.name()),
					"use ml.inf2.* or another instance family")
			}
		}
	}
}
