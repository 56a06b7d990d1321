package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// variantNameUnique reports VariantNames used twice in one endpoint config.
type variantNameUnique struct{}

var variantNameUniqueInfo = &Info{
	ID:       "variant-name-unique",
	Severity: finding.Error,
	Summary:  "flags a VariantName used twice across ProductionVariants and ShadowProductionVariants",
	Why: "Variants are addressed by name: invocations (TargetVariant), UpdateEndpointWeightsAndCapacities, metrics and " +
		"deployment guardrails all use VariantName, so two variants with one name are ambiguous and SageMaker rejects the config.",
	Source: "ProductionVariant.VariantName: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html; " +
		"UpdateEndpointWeightsAndCapacities addresses variants by VariantName (that names are unique is inferred): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpointWeightsAndCapacities.html",
	Fix:   "Give every production and shadow variant its own VariantName.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: shadow
ProductionVariants:
  - VariantName: main
    ModelName: model-a
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
ShadowProductionVariants:
  - VariantName: main
    ModelName: model-b
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
`, "model-a", "model-b"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: shadow
ProductionVariants:
  - VariantName: main
    ModelName: model-a
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
ShadowProductionVariants:
  - VariantName: shadow
    ModelName: model-b
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
`, "model-a", "model-b"),
}

func (variantNameUnique) Info() *Info { return variantNameUniqueInfo }

func (variantNameUnique) Check(p *Pass) {
	first := map[string]*yaml.Node{}
	for _, v := range variants(p.Doc.Body) {
		n := manifest.Get(v.Node, "VariantName")
		name, ok := manifest.Str(n)
		if !ok {
			continue
		}
		prev, dup := first[name]
		if !dup {
			first[name] = n
			continue
		}
		p.Report(n, fmt.Sprintf("VariantName %q is already used on line %d; variant names must be unique across production and shadow variants", name, prev.Line),
			"rename this variant")
	}
}
