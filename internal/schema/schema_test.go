package schema_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/schema"
	"github.com/sagectl/sagectl/internal/schema/internal/gen"
	"github.com/santhosh-tekuri/jsonschema/v5"
	"gopkg.in/yaml.v3"
)

// value parses one YAML document into the plain value Validate takes.
func value(t testing.TB, src string) any {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	v, err := manifest.ToValue(&n)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestGeneratedSchemaIsCurrent fails when regenerating from the SDK and the committed
// constraints table would change sagectl.schema.json or editor.schema.json: run
// `make generate`.
func TestGeneratedSchemaIsCurrent(t *testing.T) {
	table, err := os.ReadFile("constraints.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []struct {
		file      string
		generate  func([]byte) ([]byte, error)
		committed []byte
	}{
		{"sagectl.schema.json", gen.Generate, schema.JSON()},
		{"editor.schema.json", gen.GenerateEditor, schema.EditorJSON()},
	} {
		got, err := doc.generate(table)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, doc.committed) {
			t.Errorf("%s is stale: run `make generate` (go generate ./schema/...) and commit the result", doc.file)
		}
	}
}

// TestKindDocumentsAreCurrent fails when the validation documents in kinds/ are not
// what go generate derives from sagectl.schema.json: run `make generate`.
func TestKindDocumentsAreCurrent(t *testing.T) {
	docs, err := gen.KindDocuments(schema.JSON())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range gen.KindNames() {
		got, err := os.ReadFile("kinds/" + k + ".json")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, docs[k]) {
			t.Errorf("kinds/%s.json is stale: run `make generate` (go generate ./schema/...) and commit the result", k)
		}
	}
}

// TestSchemaIsDraft2020 checks that sagectl's own schema is valid draft 2020-12 that a
// standard validator compiles, and that the top level dispatches on kind.
func TestSchemaIsDraft2020(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(schema.JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", doc["$schema"])
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("s.json", bytes.NewReader(schema.JSON())); err != nil {
		t.Fatal(err)
	}
	top, err := c.Compile("s.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, src string
		valid     bool
	}{
		{"no kind is an EndpointConfig", "EndpointConfigName: a\nProductionVariants: [{VariantName: v, ModelName: m, InstanceType: ml.m5.large, InitialInstanceCount: 1}]", true},
		{"no kind, Model fields (a --cli-input-json Model)", "ModelName: m\nPrimaryContainer: {Image: i}", true},
		{"no kind, Endpoint fields", "EndpointName: e\nEndpointConfigName: c", true},
		{"no kind, Model fields with a typo", "ModelName: m\nPrimaryContainer: {Imag: i}", false},
		{"no kind, fields of no request", "Foo: bar", false},
		{"Model", "kind: Model\nModelName: m\nPrimaryContainer: {Image: i}", true},
		{"Model with a config field", "kind: Model\nModelName: m\nProductionVariants: []", false},
		{"Endpoint with update options", "kind: Endpoint\nEndpointName: e\nEndpointConfigName: c\nRetainAllVariantProperties: true\n" +
			"ExcludeRetainedVariantProperties: [{VariantPropertyType: DesiredWeight}]\nRetainDeploymentConfig: false\n" +
			"DesiredWeightsAndCapacities: [{VariantName: v, DesiredWeight: 0.5}]", true},
		{"unknown kind", "kind: Bucket\nEndpointConfigName: a", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := top.Validate(value(t, tc.src))
			if (err == nil) != tc.valid {
				t.Errorf("valid = %v, want %v (%v)", err == nil, tc.valid, err)
			}
		})
	}
}

// TestValidateClean: well-formed documents of every kind give no error.
func TestValidateClean(t *testing.T) {
	for kind, src := range map[string]string{
		"EndpointConfig": `kind: EndpointConfig
EndpointConfigName: churn-prod
ProductionVariants:
  - VariantName: main
    ModelName: churn-v8
    InstanceType: ml.p6-b200.48xlarge
    InitialInstanceCount: 2
    InitialVariantWeight: 0.5
    RoutingConfig: {RoutingStrategy: PREFIX_AWARE, PrefixAwareRoutingConfig: {PrefixLength: 2048, ConcurrencyThreshold: 8}}
    AcceleratorPartitionLayouts: [{AcceleratorPartitionTypes: [mig-3g.40gb]}]
MetricsConfig: {MetricPublishFrequencyInSeconds: 60}
Tags: [{Key: team, Value: churn}]`,
		"": `EndpointConfigName: serverless
ProductionVariants: [{VariantName: v, ModelName: m, ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 200}}]`,
		"Model": `ModelName: churn-v8
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:8
  Environment: {WORKERS: "4", EMPTY: ""}
  ContainerMetricsConfig: {MetricsEndpoints: [{MetricsEndpointPath: /server/metrics.v1, MetricPublishFrequencyInSeconds: 10}]}`,
		"Endpoint": `EndpointName: churn
EndpointConfigName: churn-prod
DeploymentConfig:
  BlueGreenUpdatePolicy:
    TrafficRoutingConfiguration: {Type: CANARY, WaitIntervalInSeconds: 600, CanarySize: {Type: CAPACITY_PERCENT, Value: 10}}`,
	} {
		if errs := schema.Validate(kind, value(t, src)); len(errs) > 0 {
			t.Errorf("%s: unexpected errors: %+v", kind, errs)
		}
	}
}
