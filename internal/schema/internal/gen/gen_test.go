package gen

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
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
	keys := []string{
		"CreateEndpointConfig:ProductionVariants[].AcceleratorPartitionLayouts",
		"UpdateEndpoint:RetainDeploymentConfig", // a field only the second request of Endpoint has
		"CreateModel:Containers[].Image",        // a shape reached by a second path
	}
	for _, key := range append(keys, newestMembers.fields...) {
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

// newestMembers are what the pinned SDK release (and the releases since the previous
// pin) added to the request shapes sagectl reads. On every SDK bump, update sdk to the
// version go.mod pins and list here what the new releases added (their CHANGELOG.md and
// the diff of the regenerated schema show it); docs/api-growth.md tells the whole story.
var newestMembers = struct {
	sdk    string              // the SDK version this list was written against
	fields []string            // constraints-table keys of the members added
	enums  map[string][]string // enum values added, by SDK enum type
}{
	sdk: "v1.291.0",
	fields: []string{
		"CreateEndpointConfig:CrossRegionTrafficConfig",
		"CreateEndpointConfig:CrossRegionTrafficConfig.MaxCrossRegionPercentPerEndpoint",
		"CreateEndpointConfig:CrossRegionTrafficConfig.MaxInvocationsPerSecondPerInstance",
	},
	enums: map[string][]string{"RoutingStrategy": {"KV_AWARE"}},
}

// pinnedSDK returns the version of the sagemaker SDK module that go.mod requires.
func pinnedSDK(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*github\.com/aws/aws-sdk-go-v2/service/sagemaker (v\S+)`).FindSubmatch(data)
	if m == nil {
		t.Fatal("go.mod does not require github.com/aws/aws-sdk-go-v2/service/sagemaker")
	}
	return string(m[1])
}

// TestNewestSDKMembers fails when the API grew and the project did not follow: when
// go.mod pins an SDK that the constraints table and newestMembers were not reviewed
// against, or when a member or enum value the newest releases added is missing from
// the table (with a public source) or from the generated schema.
func TestNewestSDKMembers(t *testing.T) {
	pinned := pinnedSDK(t)
	tab := committedTable(t)
	if sdk, _ := tab["meta"].(map[string]any)["sdk"].(string); !strings.Contains(sdk, "service/sagemaker "+pinned+" ") {
		t.Errorf("schema/constraints.json meta.sdk is %q but go.mod pins %s: review the table against the new SDK (docs/api-growth.md)", sdk, pinned)
	}
	if newestMembers.sdk != pinned {
		t.Errorf("newestMembers lists what %s added but go.mod pins %s: list what the new releases added (docs/api-growth.md)", newestMembers.sdk, pinned)
	}
	s, err := generate(t, tab)
	if err != nil {
		t.Fatal(err)
	}
	defs := s["$defs"].(map[string]any)
	rows := tab["fields"].(map[string]any)
	for _, key := range newestMembers.fields {
		row, _ := rows[key].(map[string]any)
		if row == nil {
			t.Errorf("%s: no row in schema/constraints.json", key)
			continue
		}
		if src, _ := row["source"].(string); !strings.Contains(src, "https://") {
			t.Errorf("%s: source %q cites no public URL", key, src)
		}
		if p := schemaAt(defs, key); p == nil {
			t.Errorf("%s: not in the generated schema", key)
		}
	}
	for enum, values := range newestMembers.enums {
		def, _ := defs[enum].(map[string]any)
		if def == nil {
			t.Errorf("enum %s: not in the generated schema", enum)
			continue
		}
		have := map[any]bool{}
		for _, v := range def["enum"].([]any) {
			have[v] = true
		}
		for _, v := range values {
			if !have[v] {
				t.Errorf("enum %s: value %s not in the generated schema", enum, v)
			}
		}
	}
}

// TestNewestSDKMembersCanFail: the check finds a member that the schema lacks.
func TestNewestSDKMembersCanFail(t *testing.T) {
	s, err := generate(t, committedTable(t))
	if err != nil {
		t.Fatal(err)
	}
	defs := s["$defs"].(map[string]any)
	if schemaAt(defs, "CreateEndpointConfig:CrossRegionTrafficConfig.MaxInvocationsPerSecondPerInstance") == nil {
		t.Fatal("a member the schema has was not found")
	}
	delete(defs["CrossRegionTrafficConfig"].(map[string]any)["properties"].(map[string]any), "MaxInvocationsPerSecondPerInstance")
	if schemaAt(defs, "CreateEndpointConfig:CrossRegionTrafficConfig.MaxInvocationsPerSecondPerInstance") != nil {
		t.Fatal("a member the schema lacks was found")
	}
}

// schemaAt returns the subschema of the table key "Operation:Path" in the generated
// definitions, following $ref and list items, or nil.
func schemaAt(defs map[string]any, key string) map[string]any {
	op, path, _ := strings.Cut(key, ":")
	var cur map[string]any
	for _, k := range kinds {
		for _, o := range k.ops {
			if o.name == op {
				cur, _ = defs[k.name].(map[string]any)
			}
		}
	}
	deref := func(s map[string]any) map[string]any {
		for s != nil {
			ref, ok := s["$ref"].(string)
			if !ok {
				break
			}
			s, _ = defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		}
		return s
	}
	for _, part := range strings.Split(path, ".") {
		name, list := strings.CutSuffix(part, "[]")
		props, _ := deref(cur)["properties"].(map[string]any)
		cur, _ = props[name].(map[string]any)
		if list && cur != nil {
			cur, _ = cur["items"].(map[string]any)
		}
		if cur == nil {
			return nil
		}
	}
	return cur
}

// TestEditorDocument: the editor document has the same shapes in standard keywords: a
// stepped range is an enum, pattern words are in the description, the open enum has no
// x-sagectl- keyword, and the last dispatch branch resolves kind-less documents.
func TestEditorDocument(t *testing.T) {
	data, err := json.Marshal(committedTable(t))
	if err != nil {
		t.Fatal(err)
	}
	out, err := GenerateEditor(data)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), `"x-sagectl-`) {
		t.Error("editor document has an x-sagectl- keyword")
	}
	var s map[string]any
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatal(err)
	}
	defs := s["$defs"].(map[string]any)
	mem := defs["ProductionVariantServerlessConfig"].(map[string]any)["properties"].(map[string]any)["MemorySizeInMB"].(map[string]any)
	if b, _ := json.Marshal(mem["enum"]); string(b) != "[1024,2048,3072,4096,5120,6144]" || mem["minimum"] != nil {
		t.Errorf("MemorySizeInMB = %v", mem)
	}
	name := defs["EndpointConfig"].(map[string]any)["properties"].(map[string]any)["EndpointConfigName"].(map[string]any)
	if d, _ := name["description"].(string); !strings.HasSuffix(d, "Allowed: letters, digits and hyphens, starting and ending with a letter or digit.") {
		t.Errorf("EndpointConfigName description = %q", d)
	}
	dispatch := s["allOf"].([]any)
	if len(dispatch) != len(kinds)+1 || dispatch[len(kinds)].(map[string]any)["else"] == nil {
		t.Errorf("dispatch = %v", dispatch)
	}
}

// TestBadStep: a step that does not make a small closed set stops generation.
func TestBadStep(t *testing.T) {
	for name, step := range map[string]any{"zero": 0, "too fine": 1, "fraction": 0.5} {
		tab := committedTable(t)
		tab["fields"].(map[string]any)["CreateEndpointConfig:ProductionVariants[].ServerlessConfig.MemorySizeInMB"].(map[string]any)["step"] = step
		data, _ := json.Marshal(tab)
		if _, err := GenerateEditor(data); err == nil || !strings.Contains(err.Error(), "MemorySizeInMB: step needs") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}
