package plan

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/sagectl/sagectl/internal/manifest"
)

// Semantic diff of a manifest value (want) against a live value (have). Only what the
// manifest sets is compared, so server defaults and fields AWS adds are not changes;
// map key order never matters; numbers compare by value with a float32 tolerance; a
// manifest zero value (false, 0, "", empty list) matches an absent live field; list
// elements that carry a VariantName are matched by it, other lists by position.

// diff appends the changes from have to want under path.
func diff(path string, want, have any, out *[]Change) {
	switch w := want.(type) {
	case nil:
		return
	case map[string]any:
		h, _ := have.(map[string]any)
		if have != nil && h == nil {
			*out = append(*out, Change{Path: path, Before: have, After: want})
			return
		}
		for _, k := range sortedKeys(w) {
			diff(join(path, k), w[k], h[k], out)
		}
	case []any:
		h, ok := have.([]any)
		if !ok && have != nil {
			*out = append(*out, Change{Path: path, Before: have, After: want})
			return
		}
		pairs, extra := matchList(w, h)
		for _, p := range pairs {
			if p.have == nil {
				*out = append(*out, Change{Path: path + p.label, After: p.want})
				continue
			}
			diff(path+p.label, p.want, p.have, out)
		}
		for _, e := range extra {
			*out = append(*out, Change{Path: path + e.label, Before: e.have})
		}
	default:
		if !scalarEqual(want, have) && !sameNameField(path, want, have) {
			*out = append(*out, Change{Path: path, Before: have, After: want})
		}
	}
}

// nameFields are the members that hold a SageMaker resource name, wherever they sit.
var nameFields = map[string]bool{"ModelName": true, "EndpointConfigName": true, "EndpointName": true, "VariantName": true}

// sameNameField reports whether want and have are one SageMaker name in two spellings
// under a name member (the last element of path): names are case-insensitive, so a
// case-only difference is no change (manifest.SameName).
func sameNameField(path string, want, have any) bool {
	field := path
	if i := strings.LastIndexAny(path, ".]"); i >= 0 {
		field = path[i+1:]
	}
	w, wok := want.(string)
	h, hok := have.(string)
	return nameFields[field] && wok && hok && manifest.SameName(w, h)
}

// project returns have reshaped to want: the members want sets, the list elements
// both hold (plus live extras), and want's own spelling wherever the two are equal,
// so a YAML rendering of project(want, have) next to want shows only real changes.
func project(want, have any) any {
	switch w := want.(type) {
	case map[string]any:
		h, ok := have.(map[string]any)
		if !ok {
			return have
		}
		out := map[string]any{}
		for k, v := range w {
			if hv, ok := h[k]; ok && sameNameField(k, v, hv) {
				out[k] = v
			} else if ok {
				out[k] = project(v, hv)
			} else if isZero(v) {
				out[k] = v
			}
		}
		return out
	case []any:
		h, ok := have.([]any)
		if !ok {
			if have == nil && len(w) == 0 {
				return w
			}
			return have
		}
		pairs, extra := matchList(w, h)
		out := []any{}
		for _, p := range pairs {
			if p.have != nil {
				out = append(out, project(p.want, p.have))
			}
		}
		for _, e := range extra {
			out = append(out, e.have)
		}
		return out
	}
	if scalarEqual(want, have) {
		return want
	}
	return have
}

type pair struct {
	label      string
	want, have any
}

// matchList pairs list elements by VariantName when every element has one, else by
// position; extra are the live elements the manifest does not have.
func matchList(w, h []any) (pairs, extra []pair) {
	if keyed(w) && keyed(h) {
		used := map[int]bool{}
		for _, we := range w {
			name := variantName(we)
			p := pair{label: "[" + name + "]", want: we}
			for j, he := range h {
				if !used[j] && manifest.SameName(variantName(he), name) {
					p.have, used[j] = he, true
					break
				}
			}
			pairs = append(pairs, p)
		}
		for j, he := range h {
			if !used[j] {
				extra = append(extra, pair{label: "[" + variantName(he) + "]", have: he})
			}
		}
		return pairs, extra
	}
	for i, we := range w {
		p := pair{label: fmt.Sprintf("[%d]", i), want: we}
		if i < len(h) {
			p.have = h[i]
		}
		pairs = append(pairs, p)
	}
	for j := len(w); j < len(h); j++ {
		extra = append(extra, pair{label: fmt.Sprintf("[%d]", j), have: h[j]})
	}
	return pairs, extra
}

func keyed(l []any) bool {
	for _, e := range l {
		if variantName(e) == "" {
			return false
		}
	}
	return true
}

func variantName(e any) string {
	m, _ := e.(map[string]any)
	s, _ := m["VariantName"].(string)
	return s
}

// scalarEqual compares two scalars semantically.
func scalarEqual(want, have any) bool {
	if have == nil {
		return isZero(want)
	}
	wf, wok := number(want)
	hf, hok := number(have)
	if wok && hok {
		return floatEqual(wf, hf)
	}
	return want == have || sameTime(want, have)
}

// sameTime reports whether want and have are one instant in two RFC 3339 spellings, as a
// scheduled action's StartTime is written in a manifest and read back from the API.
func sameTime(want, have any) bool {
	w, wok := want.(string)
	h, hok := have.(string)
	if !wok || !hok {
		return false
	}
	wt, werr := time.Parse(time.RFC3339, w)
	ht, herr := time.Parse(time.RFC3339, h)
	return werr == nil && herr == nil && wt.Equal(ht)
}

// floatEqual compares with a tolerance that absorbs float32 rounding (weights are float32).
func floatEqual(a, b float64) bool {
	return math.Abs(a-b) <= 1e-6*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// number returns v as a float64 when it is a number.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}

// isZero reports whether a manifest value is its type's zero value, which matches an
// absent live field.
func isZero(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case bool:
		return !t
	case string:
		return t == ""
	case []any:
		return len(t) == 0
	case map[string]any:
		for _, e := range t {
			if !isZero(e) {
				return false
			}
		}
		return true
	}
	f, ok := number(v)
	return ok && f == 0
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
