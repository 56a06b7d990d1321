package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// shadowOneToOne reports shadow configs without exactly one production and one shadow variant.
type shadowOneToOne struct{}

var shadowOneToOneInfo = &Info{
	ID:       "shadow-one-to-one",
	Severity: finding.Error,
	Summary:  "flags a shadow test with more than one production variant or more than one shadow variant",
	Why: "The model documents ShadowProductionVariants: \"If you use this field, you can only specify one variant for " +
		"ProductionVariants and one variant for ShadowProductionVariants.\" The list types allow 10, so a schema cannot tell.",
	Source: "CreateEndpointConfig.ShadowProductionVariants (\"you can only specify one variant for ProductionVariants and one variant for ShadowProductionVariants\"): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html",
	Fix:    "Keep one production variant and one shadow variant; test further candidates in separate shadow tests.",
	Kinds:  []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: shadow
ProductionVariants:
  - VariantName: current
    ModelName: model-a
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
ShadowProductionVariants:
  - VariantName: shadow-b
    ModelName: model-b
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
  - VariantName: shadow-c
    ModelName: model-c
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
`, "model-a", "model-b", "model-c"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: shadow
ProductionVariants:
  - VariantName: current
    ModelName: model-a
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
ShadowProductionVariants:
  - VariantName: shadow-b
    ModelName: model-b
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
`, "model-a", "model-b"),
}

func (shadowOneToOne) Info() *Info { return shadowOneToOneInfo }

func (shadowOneToOne) Check(p *Pass) {
	body := p.Doc.Body
	shadows := manifest.Items(manifest.Get(body, "ShadowProductionVariants"))
	if len(shadows) == 0 {
		return
	}
	if n := len(shadows); n > 1 {
		p.Report(keyOf(body, "ShadowProductionVariants"), fmt.Sprintf("ShadowProductionVariants has %d variants; a shadow test allows exactly one", n),
			"keep one shadow variant")
	}
	if n := len(manifest.Items(manifest.Get(body, "ProductionVariants"))); n > 1 {
		p.Report(keyOf(body, "ProductionVariants"), fmt.Sprintf("ProductionVariants has %d variants but ShadowProductionVariants is set; a shadow test allows exactly one production variant", n),
			"keep one production variant, or remove ShadowProductionVariants")
	}
}
