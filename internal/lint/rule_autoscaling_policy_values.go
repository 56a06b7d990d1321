package lint

import (
	"fmt"
	"math"
	"sort"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// autoscalingPolicyValues reports scaling policy values out of range: a target value that
// is not positive, a negative cooldown, step adjustments that overlap, leave a gap or
// have more than one open end, and a policy whose configuration does not match its type.
type autoscalingPolicyValues struct{}

var autoscalingPolicyValuesInfo = &Info{
	ID:       "autoscaling-policy-values",
	Severity: finding.Error,
	Summary:  "flags scaling policy values out of range: TargetValue not above 0, negative cooldowns, overlapping or gapped step adjustments, a configuration of another PolicyType",
	Why: "SageMaker's predefined metrics (invocations or concurrent requests per instance or copy, provisioned concurrency utilization) are " +
		"never negative, so a target of 0 or less scales out without end. Cooldowns are seconds to wait. Step adjustments must cover the " +
		"metric's range once: no overlaps, no gaps, at most one without a lower bound and one without an upper bound, each upper bound above " +
		"its lower bound. PutScalingPolicy uses the configuration of its PolicyType (a configuration of another type is at best ignored: inferred).",
	Source: "StepAdjustment (the rules for step adjustment ranges): https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html; " +
		"TargetTrackingScalingPolicyConfiguration TargetValue, ScaleInCooldown and ScaleOutCooldown: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TargetTrackingScalingPolicyConfiguration.html; " +
		"PutScalingPolicy PolicyType and its configurations: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html",
	Fix:   "Set a positive TargetValue, cooldowns of 0 seconds or more, contiguous step intervals, and the configuration of the policy's type.",
	Kinds: []manifest.Kind{manifest.KindScalingPolicy},
	Bad:   policyExample("0", "  ScaleInCooldown: -60\n", "SageMakerVariantInvocationsPerInstance"),
	Good:  policyExample("70", "  ScaleInCooldown: 300\n", "SageMakerVariantInvocationsPerInstance"),
}

func (autoscalingPolicyValues) Info() *Info { return autoscalingPolicyValuesInfo }

// policyConfigs are PutScalingPolicy's configuration fields by PolicyType.
var policyConfigs = map[string]string{
	"TargetTrackingScaling": "TargetTrackingScalingPolicyConfiguration",
	"StepScaling":           "StepScalingPolicyConfiguration",
	"PredictiveScaling":     "PredictiveScalingPolicyConfiguration",
}

func (autoscalingPolicyValues) Check(p *Pass) {
	body := p.Doc.Body
	if typ, ok := manifest.Str(manifest.Get(body, "PolicyType")); ok {
		if want, known := policyConfigs[typ]; known {
			if manifest.Get(body, want) == nil {
				p.Report(manifest.Get(body, "PolicyType"), fmt.Sprintf("PolicyType %s needs %s, which is not set", typ, want),
					fmt.Sprintf("add %s, or change PolicyType to the type of the configuration given", want))
			}
			for other, field := range policyConfigs {
				if other != typ {
					if k := keyOf(body, field); k != nil {
						p.Report(k, fmt.Sprintf("%s is set but PolicyType is %s: PutScalingPolicy uses only the configuration of its type", field, typ),
							fmt.Sprintf("remove %s, or set PolicyType: %s", field, other))
					}
				}
			}
		}
	}
	tt := manifest.Get(body, "TargetTrackingScalingPolicyConfiguration")
	if n := manifest.Get(tt, "TargetValue"); n != nil {
		if v, ok := manifest.Float(n); ok && v <= 0 {
			p.Report(n, fmt.Sprintf("TargetValue %v is not above 0: the metric never falls to it, so the policy scales out to MaxCapacity and stays there", v),
				"set TargetValue to the metric value per instance or copy to hold, e.g. 70 invocations per instance per minute")
		}
	}
	ss := manifest.Get(body, "StepScalingPolicyConfiguration")
	for _, c := range []struct {
		m     *yaml.Node
		field string
	}{{tt, "ScaleInCooldown"}, {tt, "ScaleOutCooldown"}, {ss, "Cooldown"}} {
		n := manifest.Get(c.m, c.field)
		if v, ok := manifest.Int(n); ok && v < 0 {
			p.Report(n, fmt.Sprintf("%s is %d: a cooldown is a number of seconds, 0 or more", c.field, v),
				fmt.Sprintf("set %s to 0 or more seconds (300 is the default)", c.field))
		}
	}
	checkSteps(p, manifest.Items(manifest.Get(ss, "StepAdjustments")))
}

// checkSteps checks that step adjustment intervals have at most one open lower and one
// open upper end, upper bounds above lower bounds, and no overlaps or gaps.
func checkSteps(p *Pass, steps []*yaml.Node) {
	type interval struct {
		lo, hi float64
		n      *yaml.Node
	}
	var ivs []interval
	openLo, openHi := 0, 0
	for _, s := range steps {
		lo, hi := math.Inf(-1), math.Inf(1)
		if v, ok := manifest.Float(manifest.Get(s, "MetricIntervalLowerBound")); ok {
			lo = v
		} else if manifest.Get(s, "MetricIntervalLowerBound") == nil {
			openLo++
		} else {
			return // not a number: the schema reports it
		}
		if v, ok := manifest.Float(manifest.Get(s, "MetricIntervalUpperBound")); ok {
			hi = v
		} else if manifest.Get(s, "MetricIntervalUpperBound") == nil {
			openHi++
		} else {
			return
		}
		if hi <= lo {
			p.Report(s, fmt.Sprintf("step adjustment's MetricIntervalUpperBound %v is not above its MetricIntervalLowerBound %v", hi, lo),
				"make the upper bound greater than the lower bound")
			return
		}
		ivs = append(ivs, interval{lo, hi, s})
	}
	if openLo > 1 || openHi > 1 {
		p.Report(steps[0], fmt.Sprintf("%d step adjustments have no lower bound and %d no upper bound: at most one may have each", openLo, openHi),
			"give every step but the lowest a MetricIntervalLowerBound, and every step but the highest a MetricIntervalUpperBound")
		return
	}
	sort.Slice(ivs, func(i, j int) bool { return ivs[i].lo < ivs[j].lo })
	for i := 1; i < len(ivs); i++ {
		prev, cur := ivs[i-1], ivs[i]
		switch {
		case cur.lo < prev.hi:
			p.Report(cur.n, fmt.Sprintf("step adjustment [%v, %v) overlaps the step [%v, %v)", cur.lo, cur.hi, prev.lo, prev.hi),
				fmt.Sprintf("start this step at %v, where the previous one ends", prev.hi))
		case cur.lo > prev.hi:
			p.Report(cur.n, fmt.Sprintf("step adjustments leave a gap between %v and %v", prev.hi, cur.lo),
				fmt.Sprintf("start this step at %v, where the previous one ends", prev.hi))
		}
	}
}
