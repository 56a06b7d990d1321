package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// autoscalingMinAboveInitial reports a scalable target whose MinCapacity is above the
// InitialInstanceCount of the variant it scales.
type autoscalingMinAboveInitial struct{}

var autoscalingMinAboveInitialInfo = &Info{
	ID:       "autoscaling-min-above-initial-count",
	Severity: finding.Warning,
	Summary:  "flags a ScalableTarget whose MinCapacity is above the InitialInstanceCount of the variant it scales",
	Why: "The endpoint starts with the config's InitialInstanceCount, and MinCapacity is the least the manifests allow it. " +
		"Until the target is registered and scaling acts, the variant runs below that minimum, and every config update that " +
		"does not retain the counts starts from the smaller count again (inferred from the two fields' definitions).",
	Source: "RegisterScalableTarget MinCapacity: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html; " +
		"register a model (min-capacity of a variant): https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-policy.html",
	Fix:   "Raise the variant's InitialInstanceCount to MinCapacity, or lower MinCapacity.",
	Kinds: []manifest.Kind{manifest.KindScalableTarget},
	Bad:   targetExample("current", dimInstanceCount, 3, 6),
	Good:  targetExample("current", dimInstanceCount, 2, 6),
}

func (autoscalingMinAboveInitial) Info() *Info { return autoscalingMinAboveInitialInfo }

func (autoscalingMinAboveInitial) Check(p *Pass) {
	if dim, _ := dimension(p); dim != dimInstanceCount {
		return
	}
	sv, ok := resolveScaling(p)
	if !ok || sv.Variant == nil {
		return
	}
	initial, ok1 := manifest.Int(manifest.Get(sv.Variant, "InitialInstanceCount"))
	minN := manifest.Get(p.Doc.Body, "MinCapacity")
	lo, ok2 := manifest.Int(minN)
	if ok1 && ok2 && lo > initial {
		p.Report(minN, fmt.Sprintf("MinCapacity %d is above InitialInstanceCount %d of variant %s in EndpointConfig %q (%s): the endpoint starts below its minimum",
			lo, initial, sv.Res.Variant, sv.Config.Name, where(p, sv.Config)),
			fmt.Sprintf("set the variant's InitialInstanceCount to %d, or lower MinCapacity to %d", lo, initial))
	}
}
