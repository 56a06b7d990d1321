package lint

import (
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// variant is one element of ProductionVariants or ShadowProductionVariants.
type variant struct {
	Node   *yaml.Node // the variant mapping
	Shadow bool       // from ShadowProductionVariants
	Index  int        // position in its list
}

// variants returns the production variants, then the shadow variants, of an
// EndpointConfig body. Elements that are not mappings are skipped (the schema reports them).
func variants(body *yaml.Node) []variant {
	var out []variant
	for _, list := range []struct {
		key    string
		shadow bool
	}{{"ProductionVariants", false}, {"ShadowProductionVariants", true}} {
		for i, n := range manifest.Items(manifest.Get(body, list.key)) {
			if n.Kind == yaml.MappingNode {
				out = append(out, variant{Node: n, Shadow: list.shadow, Index: i})
			}
		}
	}
	return out
}

// keyOf returns the key node of field in mapping m (the place to report "field X must
// not be set"), or nil when absent.
func keyOf(m *yaml.Node, field string) *yaml.Node {
	k, _ := manifest.Lookup(m, field)
	return k
}
