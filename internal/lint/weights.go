package lint

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// defaultVariantWeight is the weight SageMaker uses when InitialVariantWeight is unset.
const defaultVariantWeight = 1.0

// weight is the InitialVariantWeight of one production variant.
type weight struct {
	variant
	ValueNode *yaml.Node // the InitialVariantWeight value node; nil when unset
	Value     float64    // the weight, defaultVariantWeight when unset
	Explicit  bool       // InitialVariantWeight is set
}

// weights returns the weights of the production variants of body, and false when any
// weight is not a non-negative number (the schema reports those; no split can be computed).
func weights(body *yaml.Node) ([]weight, bool) {
	var out []weight
	for _, v := range productionVariants(body) {
		w := weight{variant: v, Value: defaultVariantWeight}
		if n := manifest.Get(v.Node, "InitialVariantWeight"); !manifest.IsNull(n) {
			f, ok := manifest.Float(n)
			if !ok || f < 0 {
				return nil, false
			}
			w.ValueNode, w.Value, w.Explicit = n, f, true
		}
		out = append(out, w)
	}
	return out, true
}

// weightSum returns the sum of ws.
func weightSum(ws []weight) float64 {
	var s float64
	for _, w := range ws {
		s += w.Value
	}
	return s
}

// trafficSplit renders each variant's share of traffic: "current 66.7%, challenger 33.3%".
func trafficSplit(ws []weight) string {
	sum := weightSum(ws)
	parts := make([]string, len(ws))
	for i, w := range ws {
		name := w.name()
		if s, err := strconv.Unquote(name); err == nil {
			name = s
		}
		parts[i] = fmt.Sprintf("%s %.1f%%", name, 100*w.Value/sum)
	}
	return strings.Join(parts, ", ")
}

// formatWeight prints a weight the way a user would write it (2, not 2.000000).
func formatWeight(f float64) string {
	return strconv.FormatFloat(f, 'g', -1, 64)
}
