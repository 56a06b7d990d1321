package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// weightsAllZero reports configs whose production variants all have weight 0.
type weightsAllZero struct{}

var weightsAllZeroInfo = &Info{
	ID:       "weights-all-zero",
	Severity: finding.Error,
	Summary:  "flags production variants that all have InitialVariantWeight 0, so the endpoint routes no traffic",
	Why: "SageMaker sends each variant weight / sum of all weights of the traffic. When every InitialVariantWeight is 0 " +
		"the sum is 0 and no variant can receive a request.",
	Source: "ProductionVariant.InitialVariantWeight (\"The traffic to a production variant is determined by the ratio of the VariantWeight to the sum of all VariantWeight values\", default 1.0): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html",
	Fix:    "Give at least one production variant a weight above 0 (unset means 1.0).",
	Kinds:  []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: zero
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    InitialVariantWeight: 0
KmsKeyId: alias/sagemaker
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: one
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    InitialVariantWeight: 1
KmsKeyId: alias/sagemaker
`, "my-model"),
}

func (weightsAllZero) Info() *Info { return weightsAllZeroInfo }

func (weightsAllZero) Check(p *Pass) {
	ws, ok := weights(p.Doc.Body)
	if !ok || len(ws) == 0 || weightSum(ws) > 0 {
		return
	}
	p.Report(keyOf(p.Doc.Body, "ProductionVariants"), "every production variant has InitialVariantWeight 0, so the endpoint can route no traffic; at least one weight must be above 0",
		"set InitialVariantWeight above 0 on the variant that should serve traffic (or remove it: the default is 1.0)")
}
