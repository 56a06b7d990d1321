package lint

import (
	"fmt"
	"math"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// weightsPercent warns about weights that look like percentages but do not add up to 100.
type weightsPercent struct{}

// Weights "look like percentages" when every production variant sets a whole-number
// weight of 0..100 and they add up to 50..150. A sum within one per variant of 100
// (33/33/33) is taken as rounding and not reported.
const (
	percentSumLow  = 50
	percentSumHigh = 150
)

var weightsPercentInfo = &Info{
	ID:       "weights-percent-sum",
	Severity: finding.Warning,
	Summary:  "flags weights written as percentages that do not add up to 100",
	Why: "Weights are relative: SageMaker divides each by their sum. Weights like 70 and 20 read as percentages, but the " +
		"endpoint sends 77.8% and 22.2% of the traffic. Heuristic: every weight is a whole number from 0 to 100 and the sum " +
		"is between 50 and 150 but more than one per variant away from 100.",
	Source: "ProductionVariant.InitialVariantWeight (\"The traffic to a production variant is determined by the ratio of the VariantWeight to the sum of all VariantWeight values\", default 1.0): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html",
	Fix:    "Make the weights add up to 100, or write them as a plain ratio (7 and 2).",
	Kinds:  []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: ab-test
ProductionVariants:
  - VariantName: current
    ModelName: model-a
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    InitialVariantWeight: 70
  - VariantName: challenger
    ModelName: model-b
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    InitialVariantWeight: 20
KmsKeyId: alias/sagemaker
`, "model-a", "model-b"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: ab-test
ProductionVariants:
  - VariantName: current
    ModelName: model-a
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    InitialVariantWeight: 80
  - VariantName: challenger
    ModelName: model-b
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    InitialVariantWeight: 20
KmsKeyId: alias/sagemaker
`, "model-a", "model-b"),
}

func (weightsPercent) Info() *Info { return weightsPercentInfo }

func (weightsPercent) Check(p *Pass) {
	ws, ok := weights(p.Doc.Body)
	if !ok || len(ws) < 2 {
		return
	}
	for _, w := range ws {
		if !w.Explicit || w.Value != math.Trunc(w.Value) || w.Value > 100 {
			return
		}
	}
	sum := weightSum(ws)
	if sum < percentSumLow || sum > percentSumHigh || math.Abs(sum-100) <= float64(len(ws)) {
		return
	}
	p.Report(keyOf(p.Doc.Body, "ProductionVariants"),
		fmt.Sprintf("InitialVariantWeight values look like percentages but add up to %s, not 100; weights are relative, so the traffic split is %s", formatWeight(sum), trafficSplit(ws)),
		"make the weights add up to 100, or write them as a ratio")
}
