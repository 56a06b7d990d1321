package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// instancePoolsUnique warns about InstancePools that repeat a priority or an instance type.
type instancePoolsUnique struct{}

var instancePoolsUniqueInfo = &Info{
	ID:       "instance-pools-unique",
	Severity: finding.Warning,
	Summary:  "flags a priority or instance type repeated in the InstancePools of a variant",
	Why: "SageMaker provisions instance pools in priority order (1 first) and falls back to the next pool on insufficient " +
		"capacity. Two pools with one priority leave the order undefined, and a repeated instance type adds no fallback. " +
		"That the service rejects duplicates is inferred, not documented, so this is a warning.",
	Source: "instance pools, tried in priority order (that priorities and instance types are distinct is inferred): https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-heterogeneous.html; " +
		"InstancePool.Priority and InstanceType: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InstancePool.html",
	Fix:   "Give every pool its own Priority and InstanceType.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: pools
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InitialInstanceCount: 1
    InstancePools:
      - InstanceType: ml.m5.xlarge
        Priority: 1
      - InstanceType: ml.c5.xlarge
        Priority: 1
KmsKeyId: alias/sagemaker
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: pools
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InitialInstanceCount: 1
    InstancePools:
      - InstanceType: ml.m5.xlarge
        Priority: 1
      - InstanceType: ml.c5.xlarge
        Priority: 2
KmsKeyId: alias/sagemaker
`, "my-model"),
}

func (instancePoolsUnique) Info() *Info { return instancePoolsUniqueInfo }

func (instancePoolsUnique) Check(p *Pass) {
	for _, v := range variants(p.Doc.Body) {
		priorities := map[int64]*yaml.Node{}
		seenTypes := map[string]*yaml.Node{}
		for _, pool := range manifest.Items(manifest.Get(v.Node, "InstancePools")) {
			if n := manifest.Get(pool, "Priority"); n != nil {
				if prio, ok := manifest.Int(n); ok {
					if prev := priorities[prio]; prev != nil {
						p.Report(n, fmt.Sprintf("Priority %d of variant %s is already used by the instance pool on line %d; pool priorities should be distinct", prio, v.name(), prev.Line),
							"give each pool its own Priority (1 is tried first)")
					} else {
						priorities[prio] = n
					}
				}
			}
			n := manifest.Get(pool, "InstanceType")
			if t, ok := manifest.Str(n); ok {
				if prev := seenTypes[t]; prev != nil {
					p.Report(n, fmt.Sprintf("instance type %s of variant %s is already in the instance pool on line %d; a repeated type adds no fallback", t, v.name(), prev.Line),
						"remove this pool or choose another instance type")
				} else {
					seenTypes[t] = n
				}
			}
		}
	}
}
