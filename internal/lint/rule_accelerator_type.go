package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// acceleratorType reports AcceleratorType: Elastic Inference is no longer available.
type acceleratorType struct{}

var acceleratorTypeInfo = &Info{
	ID:       "accelerator-type-deprecated",
	Severity: finding.Error,
	Summary:  "flags AcceleratorType: Elastic Inference is no longer available",
	Why: "Amazon Elastic Inference has been retired: SageMaker's API model documents ProductionVariant.AcceleratorType " +
		"as \"no longer supported. Elastic Inference (EI) is no longer available.\" A config that sets it cannot be deployed.",
	Source: "ProductionVariant.AcceleratorType (\"This parameter is no longer supported. Elastic Inference (EI) is no longer available\"): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html; " +
		"the doc change in botocore 1.35.51 (2024-10-29): https://github.com/boto/botocore/commit/386ce4ce",
	Fix:   "Remove AcceleratorType; use a GPU or Inferentia instance type (ml.g5.*, ml.inf2.*) instead.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: `kind: EndpointConfig
EndpointConfigName: eia-config
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    AcceleratorType: ml.eia2.medium
`,
	Good: `kind: EndpointConfig
EndpointConfigName: gpu-config
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.g5.xlarge
    InitialInstanceCount: 1
`,
}

func (acceleratorType) Info() *Info { return acceleratorTypeInfo }

func (acceleratorType) Check(p *Pass) {
	for _, v := range variants(p.Doc.Body) {
		if k := keyOf(v.Node, "AcceleratorType"); k != nil {
			val, _ := manifest.Str(manifest.Get(v.Node, "AcceleratorType"))
			p.Report(k, fmt.Sprintf("AcceleratorType %q requests Elastic Inference, which is no longer available", val),
				"remove AcceleratorType and choose a GPU or Inferentia instance type instead")
		}
	}
}
