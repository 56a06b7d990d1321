package plan_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// memReader is a live.Reader over resources held in memory.
type memReader map[string]*live.Resource

func (m memReader) Read(_ context.Context, k manifest.Kind, name string) (*live.Resource, error) {
	return m[string(k)+"/"+name], nil
}

func (m memReader) List(_ context.Context, k manifest.Kind) ([]string, error) {
	var out []string
	for id, r := range m {
		if strings.HasPrefix(id, string(k)+"/") {
			out = append(out, r.Name)
		}
	}
	sort.Strings(out)
	return out, nil
}

func (m memReader) add(r *live.Resource) { m[string(r.Kind)+"/"+r.Name] = r }

// TestBeforeSideIsWhatWasRead is a property test: for random live states and manifests,
// every before value a plan shows (the changes, the weights table, the before document of
// an endpoint) equals what was read from the live state. A plan once showed a weight of
// 0.5, the new config's initial weight, for a variant whose live weight was 0.9.
func TestBeforeSideIsWhatWasRead(t *testing.T) {
	weights := []string{"0.1", "0.5", "0.9", "1", "2", "3"}
	types := []string{"ml.m5.xlarge", "ml.m5.2xlarge", "ml.c5.large"}
	for seed := range uint64(400) {
		rng := rand.New(rand.NewPCG(seed, 42))
		pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
		naming := plan.Exact
		if rng.IntN(2) == 0 {
			naming = plan.Hashed
		}
		variants := []string{"a", "b", "c"}[:1+rng.IntN(3)]
		lv := memReader{}
		arn := func(kind, name string) string { return "arn:aws:sagemaker:us-east-1:123456789012:" + kind + "/" + name }
		owned := map[string]string{plan.TagManagedBy: plan.ManagedByValue, plan.TagLogicalID: "c", "team": pick([]string{"x", "y"})}
		lv.add(&live.Resource{Kind: manifest.KindModel, Name: "m", ARN: arn("model", "m"), Tags: map[string]string{plan.TagManagedBy: plan.ManagedByValue},
			Body: map[string]any{"ModelName": "m", "ModelArn": arn("model", "m"), "PrimaryContainer": map[string]any{"Image": "img"}}})
		liveConfig := "c"
		if naming == plan.Hashed || rng.IntN(3) == 0 {
			liveConfig = "c-live"
		}
		var cfgVariants, epVariants []any
		for _, v := range variants {
			cfgVariants = append(cfgVariants, map[string]any{"VariantName": v, "ModelName": "m", "InstanceType": pick(types),
				"InitialInstanceCount": json.Number(strconv.Itoa(1 + rng.IntN(3))), "InitialVariantWeight": json.Number(pick(weights))})
			ev := map[string]any{"VariantName": v, "DesiredWeight": json.Number(pick(weights)), "CurrentWeight": json.Number(pick(weights)),
				"DesiredInstanceCount": json.Number(strconv.Itoa(1 + rng.IntN(4)))}
			epVariants = append(epVariants, ev)
		}
		lv.add(&live.Resource{Kind: manifest.KindEndpointConfig, Name: liveConfig, ARN: arn("endpoint-config", liveConfig), Tags: owned,
			Body: map[string]any{"EndpointConfigName": liveConfig, "EndpointConfigArn": arn("endpoint-config", liveConfig), "ProductionVariants": cfgVariants}})
		lv.add(&live.Resource{Kind: manifest.KindEndpoint, Name: "e", ARN: arn("endpoint", "e"), Tags: map[string]string{plan.TagManagedBy: plan.ManagedByValue, "team": pick([]string{"x", "y"})},
			Body: map[string]any{"EndpointName": "e", "EndpointArn": arn("endpoint", "e"), "EndpointConfigName": liveConfig, "EndpointStatus": "InService",
				"ProductionVariants": epVariants}})

		var b strings.Builder
		b.WriteString("kind: Model\nModelName: m\nPrimaryContainer:\n  Image: img\n---\nkind: EndpointConfig\nEndpointConfigName: c\nProductionVariants:\n")
		for _, v := range variants {
			fmt.Fprintf(&b, "  - VariantName: %s\n    ModelName: m\n    InstanceType: %s\n    InitialInstanceCount: %d\n    InitialVariantWeight: %s\n", v, pick(types), 1+rng.IntN(3), pick(weights))
		}
		tags := rng.IntN(2) == 0
		if tags {
			fmt.Fprintf(&b, "Tags:\n  - {Key: team, Value: %s}\n", pick([]string{"x", "y"}))
		}
		b.WriteString("---\nkind: Endpoint\nEndpointName: e\nEndpointConfigName: c\n")
		if rng.IntN(2) == 0 {
			b.WriteString("DesiredWeightsAndCapacities:\n")
			for _, v := range variants {
				fmt.Fprintf(&b, "  - VariantName: %s\n    DesiredWeight: %s\n", v, pick(weights))
				if rng.IntN(3) == 0 {
					fmt.Fprintf(&b, "    DesiredInstanceCount: %d\n", 1+rng.IntN(4))
				}
			}
		}
		if tags {
			fmt.Fprintf(&b, "Tags:\n  - {Key: team, Value: %s}\n", pick([]string{"x", "y"}))
		}
		_, docs, fs := manifest.Parse("random.yaml", []byte(b.String()))
		if len(fs) > 0 {
			t.Fatalf("seed %d: %v\n%s", seed, fs, b.String())
		}
		p, err := plan.Build(context.Background(), &manifest.Set{Docs: docs}, lv, plan.Options{Naming: naming})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, a := range p.Actions {
			for _, problem := range beforeNotRead(a, lv) {
				t.Errorf("seed %d, %s %s %s: %s\nmanifests:\n%s", seed, a.Kind, a.Resource, a.PhysicalName, problem, b.String())
			}
		}
	}
}

// beforeNotRead lists the before values of a that differ from the live state lv.
func beforeNotRead(a plan.Action, lv memReader) []string {
	var out []string
	ep := lv[string(manifest.KindEndpoint)+"/e"]
	self := lv[string(a.Resource)+"/"+a.PhysicalName]
	check := func(what string, shown, read any, ok bool) {
		if !ok {
			out = append(out, fmt.Sprintf("%s shows %v before, which nothing read holds", what, shown))
		} else if !same(shown, read) {
			out = append(out, fmt.Sprintf("%s shows %v before, but %v was read", what, shown, read))
		}
	}
	for _, c := range a.Changes {
		if c.Before == nil {
			continue
		}
		switch {
		case a.Resource == manifest.KindEndpoint && strings.HasPrefix(c.Path, "DesiredWeightsAndCapacities["):
			v, field, _ := strings.Cut(strings.TrimPrefix(c.Path, "DesiredWeightsAndCapacities["), "].")
			read, ok := liveVariant(ep, v, field)
			check("change "+c.Path, c.Before, read, ok)
		case a.Resource == manifest.KindEndpoint && strings.HasPrefix(c.Path, "EndpointConfig."):
			cfg := lv[string(manifest.KindEndpointConfig)+"/"+ep.Str("EndpointConfigName")]
			read, ok := at(cfg.Body, strings.TrimPrefix(c.Path, "EndpointConfig."))
			check("change "+c.Path, c.Before, read, ok)
		case strings.HasPrefix(c.Path, "Tags."):
			read, ok := self.Tags[strings.TrimPrefix(c.Path, "Tags.")]
			check("change "+c.Path, c.Before, read, ok)
		case self != nil:
			read, ok := at(self.Body, c.Path)
			check("change "+c.Path, c.Before, read, ok)
		}
	}
	if before, ok := a.Before.(map[string]any); ok && a.Resource != manifest.KindEndpoint && self != nil {
		for k, v := range before {
			if k == "Tags" {
				continue
			}
			tree(k, v, self.Body[k], check)
		}
	}
	if a.Resource == manifest.KindEndpoint && ep != nil {
		for _, w := range a.Weights {
			read, ok := liveVariant(ep, w.Variant, "DesiredWeight")
			check("weight of "+w.Variant, w.Before, read, ok)
			if w.CountBefore != nil {
				read, ok := liveVariant(ep, w.Variant, "DesiredInstanceCount")
				check("instance count of "+w.Variant, *w.CountBefore, read, ok)
			}
		}
		before, _ := a.Before.(map[string]any)
		check("EndpointConfigName", before["EndpointConfigName"], ep.Str("EndpointConfigName"), true)
		list, _ := before["DesiredWeightsAndCapacities"].([]any)
		for _, e := range list {
			m, _ := e.(map[string]any)
			v, _ := m["VariantName"].(string)
			for _, f := range []string{"DesiredWeight", "DesiredInstanceCount"} {
				if shown, ok := m[f]; ok {
					read, ok := liveVariant(ep, v, f)
					check("before "+v+"."+f, shown, read, ok)
				}
			}
		}
	}
	return out
}

// tree checks every leaf of a shown before document against the read one at the same
// place: members by name, list elements by VariantName or position.
func tree(path string, shown, read any, check func(string, any, any, bool)) {
	switch s := shown.(type) {
	case map[string]any:
		r, _ := read.(map[string]any)
		for k, v := range s {
			rv, ok := r[k]
			if !ok {
				check(path+"."+k, v, nil, false)
				continue
			}
			tree(path+"."+k, v, rv, check)
		}
	case []any:
		r, _ := read.([]any)
		for i, e := range s {
			name, _ := e.(map[string]any)["VariantName"].(string)
			var match any
			for j, re := range r {
				if rn, _ := re.(map[string]any)["VariantName"].(string); (name != "" && rn == name) || (name == "" && j == i) {
					match = re
				}
			}
			tree(fmt.Sprintf("%s[%d]", path, i), e, match, check)
		}
	default:
		check(path, shown, read, read != nil)
	}
}

// liveVariant reads a field of an endpoint's live variant.
func liveVariant(ep *live.Resource, variant, field string) (any, bool) {
	return at(ep.Body, "ProductionVariants["+variant+"]."+field)
}

// at reads a dotted path with [variant] or [index] list elements from a live body.
func at(v any, path string) (any, bool) {
	for _, seg := range strings.Split(path, ".") {
		name, sel, hasSel := strings.Cut(seg, "[")
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[name]; !ok {
			return nil, false
		}
		if !hasSel {
			continue
		}
		sel = strings.TrimSuffix(sel, "]")
		list, _ := v.([]any)
		found := false
		for i, e := range list {
			em, _ := e.(map[string]any)
			if em["VariantName"] == sel || strconv.Itoa(i) == sel {
				v, found = e, true
				break
			}
		}
		if !found {
			return nil, false
		}
	}
	return v, true
}

// same compares a shown value with a read one: numbers at float32 precision (as the plan
// compares weights), anything else by its spelling.
func same(shown, read any) bool {
	f1, ok1 := num(shown)
	f2, ok2 := num(read)
	if ok1 && ok2 {
		return float32(f1) == float32(f2)
	}
	return fmt.Sprint(shown) == fmt.Sprint(read)
}

func num(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	}
	return 0, false
}
