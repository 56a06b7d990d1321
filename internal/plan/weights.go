package plan

import (
	"strconv"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

const manifestConfig = manifest.KindEndpointConfig

// variantState is a variant's weight and instance count (nil: not set).
type variantState struct {
	weight *float64
	count  *int64
}

// initialWeights reads the Initial* values of a config's production variants
// (InitialVariantWeight defaults to 1.0, as SageMaker's does).
func initialWeights(cfg map[string]any) map[string]variantState {
	out := map[string]variantState{}
	vs, _ := cfg["ProductionVariants"].([]any)
	for _, v := range vs {
		m, _ := v.(map[string]any)
		w := 1.0
		if f, ok := number(m["InitialVariantWeight"]); ok {
			w = weight(f)
		}
		s := variantState{weight: &w}
		if c, ok := number(m["InitialInstanceCount"]); ok {
			n := int64(c)
			s.count = &n
		}
		out[variantName(v)] = s
	}
	return out
}

// liveWeights reads DescribeEndpoint's Desired (else Current) weights and counts.
func liveWeights(l *live.Resource) map[string]variantState {
	out := map[string]variantState{}
	vs, _ := l.Body["ProductionVariants"].([]any)
	for _, v := range vs {
		m, _ := v.(map[string]any)
		var s variantState
		for _, f := range []string{"DesiredWeight", "CurrentWeight"} {
			if w, ok := number(m[f]); ok {
				w = weight(w)
				s.weight = &w
				break
			}
		}
		for _, f := range []string{"DesiredInstanceCount", "CurrentInstanceCount"} {
			if c, ok := number(m[f]); ok {
				n := int64(c)
				s.count = &n
				break
			}
		}
		out[variantName(v)] = s
	}
	return out
}

// respell renames the variants of ws that want spells in another case to want's spelling
// (variant names are SageMaker names: case-insensitive), so both sides key one variant alike.
func respell(ws, want map[string]variantState) map[string]variantState {
	out := make(map[string]variantState, len(ws))
	for n, s := range ws {
		for w := range want {
			if w != n && manifest.SameName(w, n) {
				n = w
				break
			}
		}
		out[n] = s
	}
	return out
}

// weightChanges compares the weights the manifests want with base (what
// the endpoint will have without a weights call) and returns the weights table —
// before from shown (live, or base when nil), after the final values — and the
// changes the weights call must make, decided against base but showing, as every before
// side of a plan does, what was read (shown): after a swap the base is the new config's
// initial weight, which no read returned.
func weightChanges(want, base, shown map[string]variantState) ([]Weight, []Change) {
	base = respell(base, want)
	if shown == nil {
		shown = base
	}
	shown = respell(shown, want)
	names := map[string]bool{}
	for n := range base {
		names[n] = true
	}
	for n := range shown {
		names[n] = true
	}
	var out []Weight
	var changes []Change
	for _, n := range sortedKeys(names) {
		b, w := base[n], want[n]
		final := b
		if w.weight != nil {
			if b.weight == nil || !floatEqual(*w.weight, *b.weight) {
				changes = append(changes, Change{Path: "DesiredWeightsAndCapacities[" + n + "].DesiredWeight", Before: ptrVal(shown[n].weight), After: *w.weight})
			}
			final.weight = w.weight
		}
		if w.count != nil {
			if b.count == nil || *w.count != *b.count {
				changes = append(changes, Change{Path: "DesiredWeightsAndCapacities[" + n + "].DesiredInstanceCount", Before: ptrVal(shown[n].count), After: *w.count})
			}
			final.count = w.count
		}
		out = append(out, Weight{Variant: n, Before: val(shown[n].weight), After: val(final.weight), CountBefore: shown[n].count, CountAfter: final.count})
	}
	shares(out)
	return out, changes
}

// shares fills in each weight's share of traffic.
func shares(ws []Weight) {
	var before, after float64
	for _, w := range ws {
		before += w.Before
		after += w.After
	}
	for i := range ws {
		if before > 0 {
			ws[i].ShareBefore = ws[i].Before / before
		}
		if after > 0 {
			ws[i].ShareAfter = ws[i].After / after
		}
	}
}

// weightCalls returns the UpdateEndpointWeightsAndCapacities calls for the changes:
// one call for all weights, then one call per variant whose instance count changes
// (SageMaker applies capacity changes one variant at a time).
func (p *planner) weightCalls(res *resource, changes []Change) []Call {
	weights := map[string]any{}
	counts := map[string]any{}
	for _, c := range changes {
		name, field := splitWeightPath(c.Path)
		if field == "DesiredWeight" {
			weights[name] = c.After
		} else {
			counts[name] = c.After
		}
	}
	var calls []Call
	if len(weights) > 0 {
		var list []any
		for _, n := range sortedKeys(weights) {
			list = append(list, map[string]any{"VariantName": n, "DesiredWeight": weights[n]})
		}
		calls = append(calls, p.mustCall("UpdateEndpointWeightsAndCapacities", map[string]any{"EndpointName": res.physical, "DesiredWeightsAndCapacities": list}))
	}
	for _, n := range sortedKeys(counts) {
		calls = append(calls, p.mustCall("UpdateEndpointWeightsAndCapacities", map[string]any{"EndpointName": res.physical,
			"DesiredWeightsAndCapacities": []any{map[string]any{"VariantName": n, "DesiredInstanceCount": counts[n]}}}))
	}
	return calls
}

// splitWeightPath splits "DesiredWeightsAndCapacities[v].Field".
func splitWeightPath(path string) (variant, field string) {
	const prefix = "DesiredWeightsAndCapacities["
	rest := path[len(prefix):]
	for i := len(rest) - 1; i >= 0; i-- {
		if rest[i] == ']' {
			return rest[:i], rest[i+2:]
		}
	}
	return rest, ""
}

func ptrVal[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func val(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

// runtimeFields are the production-variant fields that are runtime state, not config
// content: the endpoint's weights live in DescribeEndpoint and change through
// UpdateEndpointWeightsAndCapacities, so a changed InitialVariantWeight is a weight
// shift, not a new config (UpdateEndpointWeightsAndCapacities,
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpointWeightsAndCapacities.html).
var runtimeFields = []string{"InitialVariantWeight"}

// fleet returns a config body without its runtime fields: what the config diff and
// the spec hash cover.
func fleet(body map[string]any) map[string]any {
	out := make(map[string]any, len(body))
	for k, v := range body {
		out[k] = v
	}
	vs, ok := body["ProductionVariants"].([]any)
	if !ok {
		return out
	}
	list := make([]any, len(vs))
	for i, v := range vs {
		m, ok := v.(map[string]any)
		if !ok {
			list[i] = v
			continue
		}
		c := make(map[string]any, len(m))
		for k, e := range m {
			c[k] = e
		}
		for _, f := range runtimeFields {
			delete(c, f)
		}
		list[i] = c
	}
	out["ProductionVariants"] = list
	return out
}

// desiredWeights returns the weights and counts the manifests ask of an endpoint:
// its DesiredWeightsAndCapacities, else the InitialVariantWeight its manifest
// config sets.
func (p *planner) desiredWeights(res *resource) map[string]variantState {
	want := map[string]variantState{}
	if list, ok := res.extra["DesiredWeightsAndCapacities"].([]any); ok {
		for _, e := range list {
			m, _ := e.(map[string]any)
			var s variantState
			if w, ok := number(m["DesiredWeight"]); ok {
				w = weight(w)
				s.weight = &w
			}
			if c, ok := number(m["DesiredInstanceCount"]); ok {
				n := int64(c)
				s.count = &n
			}
			want[variantName(e)] = s
		}
		return want
	}
	target, _ := res.body["EndpointConfigName"].(string)
	cfg, ok := p.desiredPhysical(manifestConfig)[manifest.NameKey(target)]
	if !ok {
		return want
	}
	vs, _ := cfg.body["ProductionVariants"].([]any)
	for _, v := range vs {
		m, _ := v.(map[string]any)
		if w, ok := number(m["InitialVariantWeight"]); ok {
			w = weight(w)
			want[variantName(v)] = variantState{weight: &w}
		}
	}
	return want
}

// weightsMove reports whether any weight, share or count differs before and after.
func weightsMove(ws []Weight) bool {
	for _, w := range ws {
		if !floatEqual(w.Before, w.After) || !floatEqual(w.ShareBefore, w.ShareAfter) || ptrVal(w.CountBefore) != ptrVal(w.CountAfter) {
			return true
		}
	}
	return false
}

// weight rounds a weight to the float32 SageMaker stores, spelled as its shortest
// decimal (0.10000000149011612 and 0.1 are the same weight).
func weight(f float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', -1, 32), 64)
	if err != nil {
		return f
	}
	return r
}
