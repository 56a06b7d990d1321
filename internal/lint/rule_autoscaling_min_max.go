package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// autoscalingMinMax reports a scalable target or scheduled action whose MinCapacity is
// above its MaxCapacity.
type autoscalingMinMax struct{}

var autoscalingMinMaxInfo = &Info{
	ID:       "autoscaling-min-le-max",
	Severity: finding.Error,
	Summary:  "flags a ScalableTarget or ScheduledAction whose MinCapacity is above its MaxCapacity",
	Why: "MinCapacity is the capacity Application Auto Scaling scales in to and MaxCapacity the capacity it scales out to; " +
		"a minimum above the maximum is no range, and RegisterScalableTarget or PutScheduledAction rejects it.",
	Source: "RegisterScalableTarget MinCapacity and MaxCapacity: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html; " +
		"ScalableTargetAction MinCapacity and MaxCapacity: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_ScalableTargetAction.html",
	Fix:   "Lower MinCapacity or raise MaxCapacity.",
	Kinds: []manifest.Kind{manifest.KindScalableTarget, manifest.KindScheduledAction},
	Bad:   targetExample("current", dimInstanceCount, 4, 2),
	Good:  targetExample("current", dimInstanceCount, 2, 4),
}

func (autoscalingMinMax) Info() *Info { return autoscalingMinMaxInfo }

func (autoscalingMinMax) Check(p *Pass) {
	m, where := p.Doc.Body, ""
	if p.Doc.Kind == manifest.KindScheduledAction {
		m, where = manifest.Get(p.Doc.Body, "ScalableTargetAction"), "ScalableTargetAction."
	}
	minN := manifest.Get(m, "MinCapacity")
	lo, ok1 := manifest.Int(minN)
	hi, ok2 := manifest.Int(manifest.Get(m, "MaxCapacity"))
	if ok1 && ok2 && lo > hi {
		p.Report(minN, fmt.Sprintf("%sMinCapacity %d is above %sMaxCapacity %d; it must be at most MaxCapacity", where, lo, where, hi),
			fmt.Sprintf("lower MinCapacity to %d or less, or raise MaxCapacity to %d or more", hi, lo))
	}
}
