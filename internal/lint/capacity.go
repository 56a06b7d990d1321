package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/servicerules"
	"gopkg.in/yaml.v3"
)

// Helpers shared by the deployment capacity rules (rule_deployment_capacity_*.go).

// capacitySize is one CapacitySize of an Endpoint's DeploymentConfig with the share of the
// variant's instance count that its member doc allows, in percent.
type capacitySize struct {
	Path           string     // e.g. "RollingUpdatePolicy.MaximumBatchSize"
	Node           *yaml.Node // the CapacitySize mapping
	MinPct, MaxPct int64
}

// capacitySizes returns the CapacitySize mappings an Endpoint body sets among the members
// whose docs state a range (servicerules.CapacityPercentLimits).
func capacitySizes(body *yaml.Node) []capacitySize {
	dc := manifest.Get(body, "DeploymentConfig")
	var out []capacitySize
	for _, l := range servicerules.CapacityPercentLimits {
		parent, path := manifest.Get(dc, l.Policy), l.Policy+"."
		if l.Parent != "" {
			parent, path = manifest.Get(parent, l.Parent), path+l.Parent+"."
		}
		if n := manifest.Get(parent, l.Field); n != nil && n.Kind == yaml.MappingNode {
			out = append(out, capacitySize{Path: path + l.Field, Node: n, MinPct: l.MinPct, MaxPct: l.MaxPct})
		}
	}
	return out
}

// sizeOf returns the Value node and value of a CapacitySize whose Type is typ; ok is false
// when the Type differs or the Value is not an integer (the schema reports that).
func (c capacitySize) sizeOf(typ string) (*yaml.Node, int64, bool) {
	if !isStr(manifest.Get(c.Node, "Type"), typ) {
		return nil, 0, false
	}
	n := manifest.Get(c.Node, "Value")
	v, ok := manifest.Int(n)
	return n, v, ok
}

// percentRange says the allowed range in words: "at most 50%" or "between 10% and 50%".
func (c capacitySize) percentRange() string {
	if c.MinPct == 0 {
		return fmt.Sprintf("at most %d%%", c.MaxPct)
	}
	return fmt.Sprintf("between %d%% and %d%%", c.MinPct, c.MaxPct)
}
