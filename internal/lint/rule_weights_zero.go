package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// weightsZero warns about a production variant with weight 0 next to variants that get traffic.
type weightsZero struct{}

var weightsZeroInfo = &Info{
	ID:       "weights-zero-variant",
	Severity: finding.Warning,
	Summary:  "flags a production variant with InitialVariantWeight 0, which receives no traffic",
	Why: "A variant's share of traffic is its weight divided by the sum of all weights, so weight 0 means it is deployed " +
		"and paid for but never invoked, unless a caller targets it with TargetVariant or a later " +
		"UpdateEndpointWeightsAndCapacities gives it weight.",
	Source: "ProductionVariant.InitialVariantWeight (\"The traffic to a production variant is determined by the ratio of the VariantWeight to the sum of all VariantWeight values\", default 1.0): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html",
	Fix:    "Give the variant a weight above 0, remove it, or suppress this warning if it is a deliberate standby.",
	Kinds:  []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: standby
ProductionVariants:
  - VariantName: current
    ModelName: model-a
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    InitialVariantWeight: 1
  - VariantName: standby
    ModelName: model-b
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    InitialVariantWeight: 0
KmsKeyId: alias/sagemaker
`, "model-a", "model-b"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: canary
ProductionVariants:
  - VariantName: current
    ModelName: model-a
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    InitialVariantWeight: 9
  - VariantName: canary
    ModelName: model-b
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    InitialVariantWeight: 1
KmsKeyId: alias/sagemaker
`, "model-a", "model-b"),
}

func (weightsZero) Info() *Info { return weightsZeroInfo }

func (weightsZero) Check(p *Pass) {
	ws, ok := weights(p.Doc.Body)
	if !ok || weightSum(ws) <= 0 {
		return
	}
	for _, w := range ws {
		if w.Explicit && w.Value == 0 {
			p.Report(w.ValueNode, fmt.Sprintf("variant %s has InitialVariantWeight 0 and receives no traffic while other variants have weight above 0", w.name()),
				"give it a weight above 0, or remove the variant if it is not a deliberate standby")
		}
	}
}
