package emulator

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/sagectl/sagectl/internal/schema"
)

// manifestOps are the requests lint checks manifests against, each with the kind of
// lint's schema that holds its fields; every member of theirs has a row of the table.
var manifestOps = []struct {
	op, kind string
	typ      reflect.Type
}{
	{"CreateModel", "Model", reflect.TypeFor[sagemaker.CreateModelInput]()},
	{"CreateEndpointConfig", "EndpointConfig", reflect.TypeFor[sagemaker.CreateEndpointConfigInput]()},
	{"CreateEndpoint", "Endpoint", reflect.TypeFor[sagemaker.CreateEndpointInput]()},
	{"UpdateEndpoint", "Endpoint", reflect.TypeFor[sagemaker.UpdateEndpointInput]()},
	{"UpdateEndpointWeightsAndCapacities", "Endpoint", reflect.TypeFor[sagemaker.UpdateEndpointWeightsAndCapacitiesInput]()},
	{"CreateInferenceComponent", "InferenceComponent", reflect.TypeFor[sagemaker.CreateInferenceComponentInput]()},
	{"UpdateInferenceComponent", "InferenceComponent", reflect.TypeFor[sagemaker.UpdateInferenceComponentInput]()},
}

// otherOps are the other operations the emulator serves, whose members the table's
// service_fields and sameShape cover in part.
var otherOps = map[string]reflect.Type{
	"DescribeModel": reflect.TypeFor[sagemaker.DescribeModelInput](), "DeleteModel": reflect.TypeFor[sagemaker.DeleteModelInput](),
	"ListModels":             reflect.TypeFor[sagemaker.ListModelsInput](),
	"DescribeEndpointConfig": reflect.TypeFor[sagemaker.DescribeEndpointConfigInput](), "DeleteEndpointConfig": reflect.TypeFor[sagemaker.DeleteEndpointConfigInput](),
	"ListEndpointConfigs": reflect.TypeFor[sagemaker.ListEndpointConfigsInput](),
	"DescribeEndpoint":    reflect.TypeFor[sagemaker.DescribeEndpointInput](), "DeleteEndpoint": reflect.TypeFor[sagemaker.DeleteEndpointInput](),
	"ListEndpoints": reflect.TypeFor[sagemaker.ListEndpointsInput](),
	"AddTags":       reflect.TypeFor[sagemaker.AddTagsInput](), "DeleteTags": reflect.TypeFor[sagemaker.DeleteTagsInput](),
	"ListTags":                              reflect.TypeFor[sagemaker.ListTagsInput](),
	"DescribeInferenceComponent":            reflect.TypeFor[sagemaker.DescribeInferenceComponentInput](),
	"DeleteInferenceComponent":              reflect.TypeFor[sagemaker.DeleteInferenceComponentInput](),
	"ListInferenceComponents":               reflect.TypeFor[sagemaker.ListInferenceComponentsInput](),
	"UpdateInferenceComponentRuntimeConfig": reflect.TypeFor[sagemaker.UpdateInferenceComponentRuntimeConfigInput](),
	// Application Auto Scaling (autoscaling.go): the table holds their manifests' rows; the
	// emulator does not validate them against it yet.
	"RegisterScalableTarget": reflect.TypeFor[applicationautoscaling.RegisterScalableTargetInput](),
	"PutScalingPolicy":       reflect.TypeFor[applicationautoscaling.PutScalingPolicyInput](),
	"PutScheduledAction":     reflect.TypeFor[applicationautoscaling.PutScheduledActionInput](),
}

// memberPaths lists the table keys of every member of the struct type t, as the
// validator builds them ("Op:A.B[].C").
func memberPaths(t reflect.Type, prefix string, out map[string]bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Anonymous {
			continue
		}
		key := prefix + f.Name
		out[key] = true
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case ft.Kind() == reflect.Struct && ft != reflect.TypeFor[time.Time]():
			memberPaths(ft, key+".", out)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			memberPaths(ft.Elem(), key+"[].", out)
		}
	}
}

// TestEmulatorCoversTheTable: every member of the manifest requests has a row the
// emulator finds (an SDK bump whose new members the table lacks fails here as in the
// generator), and every row the emulator holds for another operation names a member the
// SDK has.
func TestEmulatorCoversTheTable(t *testing.T) {
	cs, err := loadConstraints()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, m := range manifestOps {
		paths := map[string]bool{}
		memberPaths(m.typ, m.op+":", paths)
		for p := range paths {
			known[p] = true
			if cs.lookup(p) == nil {
				t.Errorf("%s: no row in the constraints table, so the emulator does not check it", p)
			}
		}
	}
	for op, typ := range otherOps {
		memberPaths(typ, op+":", known)
	}
	for k := range cs {
		if !known[k] && !strings.HasPrefix(k, "SmokeTest:") { // sagectl's own kind, no API operation
			t.Errorf("constraints table row %s names no member of an operation the emulator serves", k)
		}
	}
	for k, from := range sameShape {
		if !known[k] || cs[from] == nil {
			t.Errorf("sameShape %s -> %s: not a member, or no such row", k, from)
		}
	}
	if c := cs.lookup("CreateEndpointConfig:CrossRegionTrafficConfig.MaxInvocationsPerSecondPerInstance"); c == nil {
		t.Error("the v1.291.0 member CrossRegionTrafficConfig has no row")
	}
}

// TestEmulatorAgreesWithLintSchema: for every row of a manifest request, the limits the
// emulator enforces are those of lint's generated schema (sagectl.schema.json): maximum
// and minimum, the maximum length or count, the pattern and an integer enum. A table
// edited without `make generate`, or an emulator reading other limits, fails here.
func TestEmulatorAgreesWithLintSchema(t *testing.T) {
	cs, err := loadConstraints()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Defs map[string]map[string]any `json:"$defs"`
	}
	if err := json.Unmarshal(schema.JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, m := range manifestOps {
		paths := map[string]bool{}
		memberPaths(m.typ, m.op+":", paths)
		for p := range paths {
			c := cs.lookup(p)
			node := resolve(doc.Defs, doc.Defs[m.kind], strings.TrimPrefix(p, m.op+":"))
			if c == nil || node == nil {
				continue
			}
			checked++
			if node["type"] == "array" || node["type"] == "object" && node["additionalProperties"] == nil {
				compare(t, p, "maxItems or maxProperties", c.Max, firstOf(node, "maxItems", "maxProperties"))
				continue
			}
			if node["type"] == "object" { // a map
				compare(t, p, "maxProperties", c.Max, node["maxProperties"])
				if c.Keys != nil {
					comparePattern(t, p+" keys", c.Keys, node["propertyNames"])
				}
				if c.Values != nil {
					comparePattern(t, p+" values", c.Values, node["additionalProperties"])
				}
				continue
			}
			comparePattern(t, p, &c.Limits, node)
			if node["type"] == "integer" || node["type"] == "number" {
				compare(t, p, "minimum", c.Min, node["minimum"])
				compare(t, p, "maximum", c.Max, node["maximum"])
				if len(c.Enum) > 0 {
					enum, _ := node["enum"].([]any)
					if len(enum) != len(c.Enum) {
						t.Errorf("%s: emulator enum %v, lint's schema %v", p, c.Enum, enum)
					}
				}
			}
		}
	}
	if checked < 300 {
		t.Errorf("only %d members compared: the schema walk lost its way", checked)
	}
}

// resolve finds the schema of the member path (A.B[].C) below node, following $ref.
func resolve(defs map[string]map[string]any, node map[string]any, path string) map[string]any {
	deref := func(n map[string]any) map[string]any {
		if ref, ok := n["$ref"].(string); ok {
			return defs[strings.TrimPrefix(ref, "#/$defs/")]
		}
		return n
	}
	for part := range strings.SplitSeq(path, ".") {
		list := strings.HasSuffix(part, "[]")
		props, _ := deref(node)["properties"].(map[string]any)
		next, _ := props[strings.TrimSuffix(part, "[]")].(map[string]any)
		if next == nil {
			return nil
		}
		node = next
		if list {
			items, _ := deref(node)["items"].(map[string]any)
			if items == nil {
				return nil
			}
			node = items
		}
	}
	out := map[string]any{}
	for k, v := range deref(node) {
		out[k] = v
	}
	for k, v := range node { // keywords beside a $ref
		if k != "$ref" {
			out[k] = v
		}
	}
	return out
}

func firstOf(node map[string]any, keys ...string) any {
	for _, k := range keys {
		if v, ok := node[k]; ok {
			return v
		}
	}
	return nil
}

// compare reports a limit the emulator and lint's schema disagree on.
func compare(t *testing.T, path, what string, mine *float64, theirs any) {
	t.Helper()
	var n *float64
	if f, ok := theirs.(float64); ok {
		n = &f
	}
	if (mine == nil) != (n == nil) || mine != nil && *mine != *n {
		t.Errorf("%s: %s: emulator %v, lint's schema %v", path, what, show(mine), theirs)
	}
}

func comparePattern(t *testing.T, path string, l *schema.Limits, node any) {
	t.Helper()
	n, _ := node.(map[string]any)
	if p, _ := n["pattern"].(string); n != nil && p != l.Pattern {
		t.Errorf("%s: pattern: emulator %q, lint's schema %q", path, l.Pattern, p)
	}
	if n != nil && n["type"] == "string" {
		compare(t, path, "maxLength", l.Max, n["maxLength"])
	}
}

func show(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}
