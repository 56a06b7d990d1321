package gen

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

func committedTable(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile("../../constraints.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func generate(t *testing.T, table map[string]any) (map[string]any, error) {
	t.Helper()
	data, err := json.Marshal(table)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Generate(data)
	if err != nil {
		return nil, err
	}
	var s map[string]any
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatal(err)
	}
	return s, nil
}

// TestTableAccountsForEverySDKField: the committed table covers every field of every
// request the kinds are built from, and has no row the SDK lacks.
func TestTableAccountsForEverySDKField(t *testing.T) {
	if _, err := generate(t, committedTable(t)); err != nil {
		t.Fatal(err)
	}
}

// TestMissingRowFails: a field the SDK has but the table lacks stops generation, naming it.
func TestMissingRowFails(t *testing.T) {
	for _, key := range []string{
		"CreateEndpointConfig:ProductionVariants[].AcceleratorPartitionLayouts",
		"UpdateEndpoint:RetainDeploymentConfig", // a field only the second request of Endpoint has
		"CreateModel:Containers[].Image",        // a shape reached by a second path
	} {
		tab := committedTable(t)
		delete(tab["fields"].(map[string]any), key)
		_, err := generate(t, tab)
		if err == nil || !strings.Contains(err.Error(), key+": the SDK field") {
			t.Errorf("without %s: err = %v", key, err)
		}
	}
}

// TestStaleRowFails: a table row for a field the SDK does not have stops generation.
func TestStaleRowFails(t *testing.T) {
	tab := committedTable(t)
	tab["fields"].(map[string]any)["CreateModel:Colour"] = map[string]any{"type": "string", "doc": "x", "source": "y"}
	_, err := generate(t, tab)
	if err == nil || !strings.Contains(err.Error(), "CreateModel:Colour: in the constraints table but not in the SDK") {
		t.Errorf("err = %v", err)
	}
}

// TestStalePatternWordsFail: words for a pattern no field has stop generation.
func TestStalePatternWordsFail(t *testing.T) {
	tab := committedTable(t)
	tab["pattern_words"].(map[string]any)["^gone$"] = "nothing"
	_, err := generate(t, tab)
	if err == nil || !strings.Contains(err.Error(), "pattern_words: no field has the pattern ^gone$") {
		t.Errorf("err = %v", err)
	}
}

// TestInconsistentSharedShapeFails: one shape ($defs entry) must get the same limits on
// every path, or the shared definition would be wrong for one of them.
func TestInconsistentSharedShapeFails(t *testing.T) {
	tab := committedTable(t)
	tab["fields"].(map[string]any)["CreateModel:Tags[].Key"].(map[string]any)["max"] = 5
	_, err := generate(t, tab)
	if err == nil || !strings.Contains(err.Error(), "shape Tag has different constraints") {
		t.Errorf("err = %v", err)
	}
}

func TestBadTable(t *testing.T) {
	for name, data := range map[string]string{
		"not JSON":    "{",
		"no fields":   `{"fields": {}}`,
		"bad pattern": `{"fields": {"CreateModel:ModelName": {"type": "string", "pattern": "(?!x)"}}}`,
		"null entry":  `{"fields": {"CreateModel:ModelName": null}}`,
	} {
		if _, err := Generate([]byte(data)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestShapes checks the mapping of SDK types and table limits to JSON Schema.
func TestShapes(t *testing.T) {
	s, err := generate(t, committedTable(t))
	if err != nil {
		t.Fatal(err)
	}
	defs := s["$defs"].(map[string]any)
	prop := func(def, name string) map[string]any {
		return defs[def].(map[string]any)["properties"].(map[string]any)[name].(map[string]any)
	}
	// min 0 next to a pattern that needs a character is min 1.
	if got := prop("EndpointConfig", "EndpointConfigName")["minLength"]; got != 1.0 {
		t.Errorf("EndpointConfigName minLength = %v, want 1", got)
	}
	if got := prop("ProductionVariant", "InitialInstanceCount"); got["type"] != "integer" || got["minimum"] != 1.0 {
		t.Errorf("InitialInstanceCount = %v", got)
	}
	if got := prop("ProductionVariant", "InitialVariantWeight")["type"]; got != "number" {
		t.Errorf("InitialVariantWeight type = %v", got)
	}
	if got := prop("ContainerDefinition", "Environment"); got["type"] != "object" || got["maxProperties"] != 100.0 ||
		got["additionalProperties"].(map[string]any)["type"] != "string" {
		t.Errorf("Environment = %v", got)
	}
	if got := prop("Model", "Tags")["items"].(map[string]any)["$ref"]; got != "#/$defs/Tag" {
		t.Errorf("Tags items = %v", got)
	}
	for _, k := range []string{"Model", "EndpointConfig", "Endpoint"} {
		if c := prop(k, "kind")["const"]; c != k {
			t.Errorf("%s kind const = %v", k, c)
		}
	}
	ep := defs["Endpoint"].(map[string]any)
	for _, f := range []string{"DeploymentConfig", "RetainAllVariantProperties", "ExcludeRetainedVariantProperties", "RetainDeploymentConfig", "DesiredWeightsAndCapacities"} {
		if _, ok := ep["properties"].(map[string]any)[f]; !ok {
			t.Errorf("Endpoint lacks %s", f)
		}
	}
	if req := ep["required"].([]any); len(req) != 2 {
		t.Errorf("Endpoint required = %v, want EndpointName and EndpointConfigName only", req)
	}
	// Enum values come from the SDK's Values().
	it := defs["ProductionVariantInstanceType"].(map[string]any)
	known := it["anyOf"].([]any)[0].(map[string]any)["enum"].([]any)
	if len(known) != len(types.ProductionVariantInstanceType("").Values()) {
		t.Errorf("instance types: %d in schema, %d in SDK", len(known), len(types.ProductionVariantInstanceType("").Values()))
	}
	if got := defs["RoutingStrategy"].(map[string]any)["enum"].([]any); len(got) != len(types.RoutingStrategy("").Values()) {
		t.Errorf("RoutingStrategy enum = %v", got)
	}
	if got := prop("MetricsConfig", "MetricPublishFrequencyInSeconds")["enum"].([]any); len(got) != 7 {
		t.Errorf("MetricPublishFrequencyInSeconds enum = %v", got)
	}
}

// TestUnmappedGoType: a Go type with no JSON Schema equivalent is an error, not a guess.
func TestUnmappedGoType(t *testing.T) {
	g := &generator{table: &Table{Fields: map[string]*Field{"Fake:C": {Type: "list"}}},
		defs: map[string]map[string]any{}, used: map[string]bool{}, words: map[string]bool{}}
	if s := g.property("Fake", "C", reflect.TypeFor[[]chan int]()); s != nil {
		t.Errorf("got schema %v", s)
	}
	if len(g.errs) != 1 || !strings.Contains(g.errs[0], "Fake:C[]: Go type chan int has no JSON Schema mapping") {
		t.Errorf("errs = %q", g.errs)
	}
}
