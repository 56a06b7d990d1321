package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// managedScalingMinMax reports ManagedInstanceScaling with MinInstanceCount above MaxInstanceCount.
type managedScalingMinMax struct{}

var managedScalingMinMaxInfo = &Info{
	ID:       "managed-scaling-min-le-max",
	Severity: finding.Error,
	Summary:  "flags a ManagedInstanceScaling.MinInstanceCount above MaxInstanceCount",
	Why: "MinInstanceCount is the fewest instances the endpoint keeps when it scales in and MaxInstanceCount the most it " +
		"provisions when it scales out; a minimum above the maximum describes no valid range.",
	Source: "ProductionVariantManagedInstanceScaling.MinInstanceCount and MaxInstanceCount (that Min is at most Max is inferred): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantManagedInstanceScaling.html",
	Fix:    "Lower MinInstanceCount or raise MaxInstanceCount.",
	Kinds:  []manifest.Kind{manifest.KindEndpointConfig},
	Bad: `kind: EndpointConfig
EndpointConfigName: components
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
ProductionVariants:
  - VariantName: main
    InstanceType: ml.g5.xlarge
    InitialInstanceCount: 1
    ManagedInstanceScaling:
      Status: ENABLED
      MinInstanceCount: 4
      MaxInstanceCount: 2
`,
	Good: `kind: EndpointConfig
EndpointConfigName: components
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
ProductionVariants:
  - VariantName: main
    InstanceType: ml.g5.xlarge
    InitialInstanceCount: 1
    ManagedInstanceScaling:
      Status: ENABLED
      MinInstanceCount: 2
      MaxInstanceCount: 4
`,
}

func (managedScalingMinMax) Info() *Info { return managedScalingMinMaxInfo }

func (managedScalingMinMax) Check(p *Pass) {
	for _, v := range variants(p.Doc.Body) {
		m := manifest.Get(v.Node, "ManagedInstanceScaling")
		minN := manifest.Get(m, "MinInstanceCount")
		lo, ok1 := manifest.Int(minN)
		hi, ok2 := manifest.Int(manifest.Get(m, "MaxInstanceCount"))
		if ok1 && ok2 && lo > hi {
			p.Report(minN, fmt.Sprintf("MinInstanceCount %d of variant %s is above MaxInstanceCount %d; it must be at most MaxInstanceCount", lo, v.name(), hi),
				fmt.Sprintf("lower MinInstanceCount to %d or less, or raise MaxInstanceCount", hi))
		}
	}
}
