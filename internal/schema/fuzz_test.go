package schema_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/schema"
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

// FuzzDifferential: on any JSON value, as any kind, sagectl's validator and jsonschema
// v5 agree on whether it is valid and on which keywords fail where.
func FuzzDifferential(f *testing.F) {
	for _, seed := range []string{
		`{"EndpointConfigName": "c", "ProductionVariants": [{"VariantName": "v", "ModelName": "m", "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}]}`,
		`{"EndpointConfigName": "", "ProductionVariants": [{"VariantName": "v", "InstanceType": "ml.m9.large", "InitialInstanceCount": "1", "Typo": 1}, 7], "Tags": [{"Key": "k"}]}`,
		`{"ProductionVariants": [{"VariantName": "v", "InstanceType": "ml.bad", "ServerlessConfig": {"MemorySizeInMB": 1e3, "MaxConcurrency": 2.0}}]}`,
		`{"ModelName": "m_", "ExecutionRoleArn": "x", "PrimaryContainer": {"Image": 5, "Environment": {"a-b": 1, "A/B~": "x", "": ""}, "Mode": "SingleModel"}}`,
		`{"EndpointName": "e", "EndpointConfigName": "c", "DesiredWeightsAndCapacities": [{"VariantName": "v", "DesiredWeight": -0.5}], "DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 3601}}}}`,
		`{"kind": "Model", "MetricsConfig": {"MetricPublishFrequencyInSeconds": 45}}`,
		`[1, "a", null, true, {}]`,
		`"text"`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		dec := json.NewDecoder(strings.NewReader(src))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			return
		}
		for _, kind := range kinds {
			agree(t, "fuzzed value", kind, v)
		}
	})
}
