package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// weightsInferenceComponent warns about InitialVariantWeight on an inference-component
// variant (one without ModelName).
type weightsInferenceComponent struct{}

var weightsInferenceComponentInfo = &Info{
	ID:       "weights-inference-component",
	Severity: finding.Warning,
	Summary:  "flags InitialVariantWeight on an inference-component variant (no ModelName), which it does not route",
	Why: "A variant without ModelName hosts inference components, which are addressed by component name, not routed by " +
		"variant weight. Such a variant must not set InitialVariantWeight: the Terraform provider special-cases it for that " +
		"reason, and a weight there only suggests a traffic split that does not happen.",
	Source: "the Terraform AWS provider leaves InitialVariantWeight out for variants without ModelName (DiffSuppressFunc and expand logic): https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/sagemaker/endpoint_configuration.go; " +
		"ProductionVariant.ModelName, which inference-component endpoint configs omit: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html",
	Fix:   "Remove InitialVariantWeight from the inference-component variant.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: `kind: EndpointConfig
EndpointConfigName: components
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
ProductionVariants:
  - VariantName: main
    InstanceType: ml.g5.xlarge
    InitialInstanceCount: 1
    InitialVariantWeight: 1
`,
	Good: `kind: EndpointConfig
EndpointConfigName: components
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
ProductionVariants:
  - VariantName: main
    InstanceType: ml.g5.xlarge
    InitialInstanceCount: 1
`,
}

func (weightsInferenceComponent) Info() *Info { return weightsInferenceComponentInfo }

func (weightsInferenceComponent) Check(p *Pass) {
	for _, v := range productionVariants(p.Doc.Body) {
		k, val := manifest.Lookup(v.Node, "InitialVariantWeight")
		if k == nil || manifest.IsNull(val) || present(v.Node, "ModelName") || v.serverless() {
			continue
		}
		p.Report(k, fmt.Sprintf("variant %s has no ModelName, so it hosts inference components, which are not routed by InitialVariantWeight", v.name()),
			"remove InitialVariantWeight, or set ModelName if the variant should host a model directly")
	}
}
