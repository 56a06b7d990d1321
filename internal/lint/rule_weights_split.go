package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// weightsSplit shows the effective traffic split of an endpoint config with several
// production variants.
type weightsSplit struct{}

var weightsSplitInfo = &Info{
	ID:       "weights-traffic-split",
	Severity: finding.Info,
	Summary:  "flags the traffic split of several weighted production variants (each one's share), for review",
	Why: "SageMaker normalises weights: a variant gets its InitialVariantWeight divided by the sum of all weights, and an " +
		"unset weight counts as 1.0. Weights such as 2 and 1 or 70 and 20 are easy to misread, so the effective split is shown for review.",
	Source:        "ProductionVariant.InitialVariantWeight (\"The traffic to a production variant is determined by the ratio of the VariantWeight to the sum of all VariantWeight values\", default 1.0): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html",
	Fix:           "Nothing to fix: check that the split is the one you intend. The finding is informational: it never fails a run, whatever --fail-on.",
	Kinds:         []manifest.Kind{manifest.KindEndpointConfig},
	Informational: true,
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: ab-test
ProductionVariants:
  - VariantName: current
    ModelName: model-a
    InstanceType: ml.m5.large
    InitialInstanceCount: 2
    InitialVariantWeight: 2
  - VariantName: challenger
    ModelName: model-b
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    InitialVariantWeight: 1
KmsKeyId: alias/sagemaker
`, "model-a", "model-b"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: single
ProductionVariants:
  - VariantName: current
    ModelName: model-a
    InstanceType: ml.m5.large
    InitialInstanceCount: 2
KmsKeyId: alias/sagemaker
`, "model-a"),
}

func (weightsSplit) Info() *Info { return weightsSplitInfo }

func (weightsSplit) Check(p *Pass) {
	ws, ok := weights(p.Doc.Body)
	if !ok || len(ws) < 2 || weightSum(ws) <= 0 {
		return
	}
	p.Report(keyOf(p.Doc.Body, "ProductionVariants"), "traffic split: "+trafficSplit(ws), "")
}
