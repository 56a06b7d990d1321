package lint

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// weightsImplicit warns when some production variants set InitialVariantWeight and others
// rely on the default.
type weightsImplicit struct{}

var weightsImplicitInfo = &Info{
	ID:       "weights-implicit-default",
	Severity: finding.Warning,
	Summary:  "flags a production variant without InitialVariantWeight next to variants that set one",
	Why: "An unset InitialVariantWeight is 1.0. Next to explicit weights such as 90 that default silently changes the " +
		"split (90 and an unset weight give 98.9% and 1.1%), which is rarely what was meant.",
	Source: "ProductionVariant.InitialVariantWeight (\"The traffic to a production variant is determined by the ratio of the VariantWeight to the sum of all VariantWeight values\", default 1.0): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html",
	Fix:    "Set InitialVariantWeight on every production variant.",
	Kinds:  []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: ab-test
ProductionVariants:
  - VariantName: current
    ModelName: model-a
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    InitialVariantWeight: 90
  - VariantName: challenger
    ModelName: model-b
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
`, "model-a", "model-b"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: ab-test
ProductionVariants:
  - VariantName: current
    ModelName: model-a
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    InitialVariantWeight: 90
  - VariantName: challenger
    ModelName: model-b
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    InitialVariantWeight: 10
KmsKeyId: alias/sagemaker
`, "model-a", "model-b"),
}

func (weightsImplicit) Info() *Info { return weightsImplicitInfo }

func (weightsImplicit) Check(p *Pass) {
	ws, ok := weights(p.Doc.Body)
	if !ok {
		return
	}
	var explicit []string
	for _, w := range ws {
		if w.Explicit {
			explicit = append(explicit, fmt.Sprintf("%s: %s", w.name(), formatWeight(w.Value)))
		}
	}
	if len(explicit) == 0 || len(explicit) == len(ws) {
		return
	}
	for _, w := range ws {
		if !w.Explicit {
			p.Report(w.variant.Node, fmt.Sprintf("variant %s has no InitialVariantWeight and gets the default 1.0 while other variants set weights (%s); traffic split: %s",
				w.name(), strings.Join(explicit, ", "), trafficSplit(ws)),
				"set InitialVariantWeight on this variant too")
		}
	}
}
