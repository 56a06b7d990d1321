package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/servicerules"
)

// managedScalingICOnly reports ManagedInstanceScaling on a variant that hosts a model
// directly instead of inference components.
type managedScalingICOnly struct{}

var managedScalingICOnlyInfo = &Info{
	ID:       "managed-scaling-ic-only",
	Severity: finding.Error,
	Summary:  "flags ManagedInstanceScaling on a variant with ModelName: it is only for inference-component variants",
	Why: "Managed instance scaling grows and shrinks the instances that host inference components. A variant with a " +
		"ModelName hosts a model directly, and CreateEndpointConfig rejects it with \"ValidationException: " +
		servicerules.MsgManagedScalingICOnly + "\" (also with Status DISABLED " +
		"or MinInstanceCount 0).",
	Source: "the ValidationException \"ManagedInstanceScaling is only supported for inference component endpoints\" in an acceptance test: https://github.com/hashicorp/terraform-provider-aws/pull/45926; " +
		"the newer message for the same setup: https://github.com/DIAGNijmegen/rse-grand-challenge/pull/4659; " +
		"ProductionVariantManagedInstanceScaling: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantManagedInstanceScaling.html",
	Fix:   "Remove ManagedInstanceScaling (use Application Auto Scaling for model variants), or remove ModelName and deploy the model as an inference component.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: scaled
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.g5.xlarge
    InitialInstanceCount: 1
    ManagedInstanceScaling:
      Status: ENABLED
      MinInstanceCount: 1
      MaxInstanceCount: 4
`, "my-model"),
	Good: `kind: EndpointConfig
EndpointConfigName: components
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
ProductionVariants:
  - VariantName: main
    InstanceType: ml.g5.xlarge
    InitialInstanceCount: 1
    ManagedInstanceScaling:
      Status: ENABLED
      MinInstanceCount: 1
      MaxInstanceCount: 4
`,
}

func (managedScalingICOnly) Info() *Info { return managedScalingICOnlyInfo }

func (managedScalingICOnly) Check(p *Pass) {
	for _, v := range variants(p.Doc.Body) {
		k, val := manifest.Lookup(v.Node, "ManagedInstanceScaling")
		if k == nil || manifest.IsNull(val) || !present(v.Node, "ModelName") {
			continue
		}
		p.Report(k, fmt.Sprintf("variant %s sets ModelName and ManagedInstanceScaling; managed instance scaling is only supported for inference-component variants (without ModelName)", v.name()),
			"remove ManagedInstanceScaling, or remove ModelName and deploy the model as an inference component")
	}
}
