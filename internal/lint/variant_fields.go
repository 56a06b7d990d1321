package lint

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// Helpers shared by the variant, serverless, shadow, weights, KMS and volume rules.

// serverless reports whether variant v sets a ServerlessConfig.
func (v variant) serverless() bool {
	return !manifest.IsNull(manifest.Get(v.Node, "ServerlessConfig"))
}

// name names the variant in messages: its VariantName, or its list position.
func (v variant) name() string {
	if s, ok := manifest.Str(manifest.Get(v.Node, "VariantName")); ok && s != "" {
		return fmt.Sprintf("%q", s)
	}
	list := "ProductionVariants"
	if v.Shadow {
		list = "ShadowProductionVariants"
	}
	return fmt.Sprintf("%s[%d]", list, v.Index)
}

// instanceType is one instance type a variant may run on, with its value node.
type instanceType struct {
	Node  *yaml.Node
	Value string
}

// instanceTypes returns the variant's InstanceType and every InstancePools[].InstanceType
// that is a string.
func (v variant) instanceTypes() []instanceType {
	var out []instanceType
	add := func(n *yaml.Node) {
		if s, ok := manifest.Str(n); ok {
			out = append(out, instanceType{Node: n, Value: s})
		}
	}
	add(manifest.Get(v.Node, "InstanceType"))
	for _, p := range manifest.Items(manifest.Get(v.Node, "InstancePools")) {
		add(manifest.Get(p, "InstanceType"))
	}
	return out
}

// productionVariants returns only the production variants of body.
func productionVariants(body *yaml.Node) []variant {
	var out []variant
	for _, v := range variants(body) {
		if !v.Shadow {
			out = append(out, v)
		}
	}
	return out
}

// anyServerless reports whether any variant of body is serverless.
func anyServerless(body *yaml.Node) bool {
	for _, v := range variants(body) {
		if v.serverless() {
			return true
		}
	}
	return false
}

// present reports whether field is set (to anything but null) in mapping m.
func present(m *yaml.Node, field string) bool {
	return !manifest.IsNull(manifest.Get(m, field))
}

// withModels prepends a minimal Model document for each name to a documentation
// example, so the example shows its rule's findings and not "no Model manifest" ones.
func withModels(example string, names ...string) string {
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "kind: Model\nModelName: %s\nExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker\n"+
			"PrimaryContainer:\n  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/%s:1\n---\n", n, n)
	}
	return b.String() + example
}
