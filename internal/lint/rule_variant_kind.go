package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// variantKind reports variants that are neither cleanly serverless nor cleanly
// instance-based.
type variantKind struct{}

var variantKindInfo = &Info{
	ID:       "variant-kind",
	Severity: finding.Error,
	Summary:  "flags a variant that mixes serverless and instance settings, sets both InstanceType and InstancePools, or lacks them or InitialInstanceCount",
	Why: "ServerlessConfig \"specifies a serverless endpoint configuration instead of an instance-based endpoint configuration\", " +
		"so a serverless variant sets no InstanceType, InstancePools, InitialInstanceCount, VolumeSizeInGB or AcceleratorType. " +
		"An instance-based variant needs exactly one of InstanceType and InstancePools (pools replace the instance type) " +
		"and an InitialInstanceCount; SageMaker rejects it otherwise. This holds for inference-component configs " +
		"(variants without ModelName) too.",
	Source: "ProductionVariant.ServerlessConfig (\"instead of an instance-based endpoint configuration\") and InitialInstanceCount (optional in the API model, needed by instance-based variants: inferred): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html; " +
		"InstancePools replace InstanceType (\"replace InstanceType with InstancePools\"): https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-heterogeneous.html",
	Fix:   "For a serverless variant remove the instance fields; otherwise set InstanceType (or InstancePools) and InitialInstanceCount.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: mixed
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InitialInstanceCount: 1
    ServerlessConfig:
      MemorySizeInMB: 2048
      MaxConcurrency: 5
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

// serverlessForbidden lists the instance-based fields a serverless variant must not set.
var serverlessForbidden = []string{"InstanceType", "InstancePools", "InitialInstanceCount", "VolumeSizeInGB", "AcceleratorType"}

func (variantKind) Info() *Info { return variantKindInfo }

func (variantKind) Check(p *Pass) {
	for _, v := range variants(p.Doc.Body) {
		if v.serverless() {
			for _, f := range serverlessForbidden {
				if k := keyOf(v.Node, f); k != nil {
					p.Report(k, fmt.Sprintf("variant %s is serverless (ServerlessConfig) and must not set %s", v.name(), f),
						fmt.Sprintf("remove %s, or remove ServerlessConfig to make the variant instance-based", f))
				}
			}
			continue
		}
		hasType, hasPools := present(v.Node, "InstanceType"), present(v.Node, "InstancePools")
		switch {
		case hasType && hasPools:
			p.Report(keyOf(v.Node, "InstanceType"), fmt.Sprintf("variant %s sets both InstanceType and InstancePools; only one is allowed", v.name()),
				"remove InstanceType: InstancePools replaces it (list the type as a pool instead)")
		case !hasType && !hasPools:
			p.Report(v.Node, fmt.Sprintf("variant %s has no InstanceType, InstancePools or ServerlessConfig; an instance-based variant needs InstanceType or InstancePools", v.name()),
				"add InstanceType (for example ml.m5.large) and InitialInstanceCount, or a ServerlessConfig")
		}
		if !present(v.Node, "InitialInstanceCount") {
			p.Report(v.Node, fmt.Sprintf("variant %s is instance-based but has no InitialInstanceCount; it must be 1 or more", v.name()),
				"add InitialInstanceCount: 1 (or more)")
		}
	}
}
