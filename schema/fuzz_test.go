package schema_test

import (
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/schema"
	"gopkg.in/yaml.v3"
)

// FuzzValidate: any YAML document, as any kind, validates without panicking, and every
// error has a message and a pointer that names a node of the document.
func FuzzValidate(f *testing.F) {
	f.Add(benchDoc)
	f.Add("ModelName: m\nPrimaryContainer: {Environment: {1x: 2, a/b~: [c]}}\n")
	f.Add("EndpointName: e\nDesiredWeightsAndCapacities: [{VariantName: v, DesiredWeight: -1}, 3]\n")
	f.Add("ProductionVariants: [{InstanceType: ml.m9.large}, {InstanceType: 7}, {InstanceType: ml_bad}]\n")
	f.Add("- 1\n- [2]\n")
	f.Add("a: &x [*x]\n")
	f.Fuzz(func(t *testing.T, src string) {
		var n yaml.Node
		if yaml.Unmarshal([]byte(src), &n) != nil || len(n.Content) == 0 {
			return
		}
		v, err := manifest.ToValue(&n)
		if err != nil {
			return
		}
		for _, kind := range []string{"Model", "EndpointConfig", "Endpoint"} {
			for _, e := range schema.Validate(kind, v) {
				if e.Message == "" || e.Keyword == "" {
					t.Errorf("%s: incomplete error %+v", kind, e)
				}
				if _, ok := manifest.At(n.Content[0], e.Pointer); !ok {
					t.Errorf("%s: pointer %q does not resolve (%s)", kind, e.Pointer, e.Message)
				}
			}
		}
	})
}
