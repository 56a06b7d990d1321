package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// BenchmarkCompile is the one-off start-up cost of every kind: finding its
// definitions and building its root (the others are built when a value reaches them).
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for k, ks := range kindSchemas {
			if _, err := compile(k, ks.doc); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCompileEndpointConfig is that cost for a file of EndpointConfigs.
func BenchmarkCompileEndpointConfig(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compile("EndpointConfig", endpointConfigDoc); err != nil {
			b.Fatal(err)
		}
	}
}

// benchConfig is a typical valid EndpointConfig (bench_test.go's benchDoc as JSON).
const benchConfig = `{"kind": "EndpointConfig", "EndpointConfigName": "churn-prod-v8",
  "ProductionVariants": [
    {"VariantName": "current", "ModelName": "churn-v8", "InstanceType": "ml.m5.xlarge", "InitialInstanceCount": 2, "InitialVariantWeight": 2},
    {"VariantName": "challenger", "ModelName": "churn-v9", "InstanceType": "ml.g5.xlarge", "InitialInstanceCount": 1, "InitialVariantWeight": 1}],
  "DataCaptureConfig": {"InitialSamplingPercentage": 10, "DestinationS3Uri": "s3://capture/churn",
    "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}]},
  "KmsKeyId": "alias/sagemaker-prod", "Tags": [{"Key": "team", "Value": "churn"}]}`

// BenchmarkFirstValidate is a fresh process's first EndpointConfig: parse and compile
// its kind's document, compile the patterns the document meets, validate.
func BenchmarkFirstValidate(b *testing.B) {
	dec := json.NewDecoder(strings.NewReader(benchConfig))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		root, err := compile("EndpointConfig", endpointConfigDoc)
		if err != nil {
			b.Fatal(err)
		}
		if leaves, err := walk(root, v); len(leaves) > 0 || err != nil {
			b.Fatal(leaves, err)
		}
	}
}

// TestKindDocuments: each kind's validation document compiles and holds the
// definitions it reaches, and not the other kinds.
func TestKindDocuments(t *testing.T) {
	for kind, want := range map[string][]string{
		"Model":          {"Model", "ContainerDefinition", "Tag", "VpcConfig", "MetricsEndpoint"},
		"EndpointConfig": {"EndpointConfig", "ProductionVariant", "ProductionVariantInstanceType", "Tag", "ClarifyTextConfig"},
		"Endpoint":       {"Endpoint", "DeploymentConfig", "DesiredWeightAndCapacity", "Tag"},
	} {
		var doc struct {
			Defs map[string]json.RawMessage `json:"$defs"`
		}
		if err := json.Unmarshal(kindSchemas[kind].doc, &doc); err != nil {
			t.Fatal(err)
		}
		for _, d := range want {
			if doc.Defs[d] == nil {
				t.Errorf("%s document lacks $defs/%s", kind, d)
			}
		}
		for _, other := range []string{"Model", "EndpointConfig", "Endpoint"} {
			if other != kind && doc.Defs[other] != nil {
				t.Errorf("%s document holds $defs/%s", kind, other)
			}
		}
		root, err := compiledKind(kind)
		if err != nil || root == nil || root.loc != "/$defs/"+kind {
			t.Errorf("%s: %v, %v", kind, root, err)
		}
	}
	if n, err := compiledKind("Bucket"); n != nil || err != nil {
		t.Errorf("unknown kind: %v, %v", n, err)
	}
}

// validationDoc writes definitions (a JSON object of name: schema) as a validation
// document, one definition to a line.
func validationDoc(t *testing.T, defs string) []byte {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(defs), &m); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for name, raw := range m {
		var b bytes.Buffer
		if err := json.Compact(&b, raw); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("%q:%s", name, b.String()))
	}
	return []byte(`{"$schema":"s","$defs":{` + "\n" + strings.Join(lines, ",\n") + "\n}}\n")
}

// TestCompileErrors: a validation document this validator cannot run exactly is
// refused, naming where, never half-understood.
func TestCompileErrors(t *testing.T) {
	for name, tc := range map[string]struct{ defs, want string }{
		"kind missing":      {`{"Endpoint": {}}`, "no definition $defs/Model"},
		"unknown keyword":   {`{"Model": {"oneOf": []}}`, `/$defs/Model: unknown keyword "oneOf"`},
		"unknown type":      {`{"Model": {"type": "int"}}`, `/$defs/Model/type: want one type name, not "int"`},
		"type list":         {`{"Model": {"type": ["string"]}}`, "/$defs/Model/type: want one type name, not a list"},
		"remote ref":        {`{"Model": {"$ref": "other.json#/x"}}`, "not a #/$defs/ reference"},
		"ref not a string":  {`{"Model": {"$ref": 5}}`, "$ref 5 is not a #/$defs/ reference"},
		"dangling ref":      {`{"Model": {"properties": {"A": {"$ref": "#/$defs/Gone"}}}}`, "/$defs/Model/properties/A: no definition $defs/Gone"},
		"object enum":       {`{"Model": {"enum": [{}]}}`, "/$defs/Model/enum: only strings"},
		"empty enum":        {`{"Model": {"enum": []}}`, "/$defs/Model/enum: want a list of values"},
		"object const":      {`{"Model": {"const": [1]}}`, "/$defs/Model/const: only strings"},
		"bad minimum":       {`{"Model": {"minimum": "x"}}`, `/$defs/Model/minimum: want a number, not string "x"`},
		"null minimum":      {`{"Model": {"minimum": null}}`, "/$defs/Model/minimum: want a number"},
		"huge maximum":      {`{"Model": {"maximum": 1e999999999999}}`, "/$defs/Model/maximum"},
		"fraction length":   {`{"Model": {"minLength": 1.5}}`, "/$defs/Model/minLength: want a non-negative integer"},
		"negative count":    {`{"Model": {"maxItems": -1}}`, "/$defs/Model/maxItems: want a non-negative integer"},
		"bad pattern type":  {`{"Model": {"pattern": 1}}`, "/$defs/Model/pattern: want a string"},
		"bad additional":    {`{"Model": {"additionalProperties": {"nope": 1}}}`, `/$defs/Model/additionalProperties: unknown keyword "nope"`},
		"null additional":   {`{"Model": {"additionalProperties": null}}`, "/$defs/Model/additionalProperties: want a boolean or a schema"},
		"schema not object": {`{"Model": {"items": 5}}`, "/$defs/Model/items: a schema must be an object"},
		"bad required":      {`{"Model": {"required": "A"}}`, "/$defs/Model/required: want a list of names"},
		"bad required name": {`{"Model": {"required": [1]}}`, "/$defs/Model/required: want a list of names, not number 1"},
		"bad properties":    {`{"Model": {"properties": []}}`, "/$defs/Model/properties: want an object of schemas"},
		"bad open enum":     {`{"Model": {"x-sagectl-warnUnknown": "f", "anyOf": [{"pattern": "x"}]}}`, "needs an anyOf of an enum and a pattern"},
		"bad property":      {`{"Model": {"properties": {"a/b": {"type": 1}}}}`, "/$defs/Model/properties/a~1b/type: want one type name, not 1"},
		"bad names":         {`{"Model": {"propertyNames": {"type": "x"}}}`, `/$defs/Model/propertyNames/type: want one type name`},
		"bad items":         {`{"Model": {"items": {"$ref": "#/x"}}}`, "/$defs/Model/items: $ref"},
		"bad anyOf":         {`{"Model": {"anyOf": {}}}`, "/$defs/Model/anyOf: want a list of schemas"},
		"bad anyOf branch":  {`{"Model": {"anyOf": [{"type": "x"}]}}`, "/$defs/Model/anyOf/0/type: want one type name"},
	} {
		_, err := compile("Model", validationDoc(t, tc.defs))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "kinds/Model.json") {
			t.Errorf("%s: got %v, want an error naming kinds/Model.json and %q", name, err, tc.want)
		}
	}
	for name, tc := range map[string]struct{ doc, want string }{
		"not JSON":         {`{`, "not a validation document"},
		"one line":         {`{"$defs":{"Model":{}}}`, "not a validation document"},
		"unknown root key": {"{\"$id\":\"x\",\"$defs\":{\n\"Model\":{}\n}}\n", `line 1: unknown key "$id"`},
		"no name":          {"{\"$defs\":{\n{\"type\":\"string\"}\n}}\n", `line 2: not a "name":{definition} line`},
		"header not JSON":  {"{\"$schema\":,\"$defs\":{\n\"Model\":{}\n}}\n", "line 1: invalid character"},
		"not an object":    {"{\"$defs\":{\n\"Model\":[]\n}}\n", "/$defs/Model: not a JSON object"},
		"two values":       {"{\"$defs\":{\n\"Model\":{} {}\n}}\n", "/$defs/Model: more than one JSON value"},
	} {
		_, err := compile("Model", []byte(tc.doc))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", name, err, tc.want)
		}
	}
}

// TestLazyDefinitionErrors: a broken definition no document has reached yet is
// reported when one does, as a broken schema.
func TestLazyDefinitionErrors(t *testing.T) {
	root, err := compile("Model", validationDoc(t, `{"Model": {"properties": {"A": {"$ref": "#/$defs/Bad"}}}, "Bad": {"type": "int"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if leaves, err := walk(root, map[string]any{"B": "x"}); len(leaves) > 0 || err != nil {
		t.Errorf("unreached: %v %v", leaves, err)
	}
	if _, err := walk(root, map[string]any{"A": "x"}); err == nil || !strings.Contains(err.Error(), `/$defs/Bad/type: want one type name, not "int"`) {
		t.Errorf("reached: %v", err)
	}
}

// TestEveryDefinitionBuilds: every definition of every kind's document decodes and
// builds, including those no test document reaches.
func TestEveryDefinitionBuilds(t *testing.T) {
	for kind, ks := range kindSchemas {
		c := &compiler{defs: map[string]*definition{}, patterns: map[string]*pattern{}}
		if err := c.split(ks.doc); err != nil {
			t.Fatal(err)
		}
		// The Application Auto Scaling requests are small: a target is its root, two
		// enums and SuspendedState; a scheduled action its root, two enums and ScalableTargetAction;
		// a smoke test, sagectl's own, its root and Expect.
		want := map[string]int{"ScalableTarget": 4, "ScheduledAction": 4, "SmokeTest": 2}[kind]
		if want == 0 {
			want = 10
		}
		if len(c.defs) < want {
			t.Errorf("%s: only %d definitions", kind, len(c.defs))
		}
		for name, d := range c.defs {
			if n, err := d.get(); err != nil || n == nil {
				t.Errorf("%s: $defs/%s: %v", kind, name, err)
			}
		}
	}
}

// TestBrokenPatternIsReported: a pattern that does not compile is found the first time
// a value meets it, and reported as sagectl's bug, not as the user's error.
func TestBrokenPatternIsReported(t *testing.T) {
	root, err := compile("Model", validationDoc(t, `{"Model": {"properties": {"A": {"pattern": "("}, "B": {"$ref": "#/$defs/Open"}}},
		"Open": {"x-sagectl-warnUnknown": "f", "anyOf": [{"enum": ["a"]}, {"pattern": "["}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []map[string]any{{"A": "x"}, {"B": "b"}} {
		if _, err := walk(root, v); err == nil || !strings.Contains(err.Error(), "pattern") {
			t.Errorf("%v: got %v", v, err)
		}
	}
}

// TestOpenEnumParts reads the known values and form of an open enum.
func TestOpenEnumParts(t *testing.T) {
	known, form := openEnumParts(map[string]any{"anyOf": []any{
		map[string]any{"enum": []any{"ml.a.large", 5}}, map[string]any{"pattern": "^ml"}}})
	if strings.Join(known, ",") != "ml.a.large" || form != "^ml" {
		t.Errorf("got %v %q", known, form)
	}
}

// TestPatternWithoutWords: a pattern the table has no words for is quoted as it is.
func TestPatternWithoutWords(t *testing.T) {
	l := leafCtx{kind: "Model", pointer: "/Image", keyword: "pattern", rule: "^x$", parent: map[string]any{"pattern": "^x$"}, value: "y"}
	e := l.noMatch()
	if e.Message != `Image "y" does not have the allowed form ^x$` || !strings.Contains(e.Hint, "regular expression") {
		t.Errorf("got %+v", e)
	}
}

// TestCompilePatternMatchesRegexp: the group compilePattern adds changes neither which
// patterns compile nor what they match, for every pattern of the schema.
func TestCompilePatternMatchesRegexp(t *testing.T) {
	raw, err := fullSchema()
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	var collect func(v any)
	collect = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if p, ok := x["pattern"].(string); ok {
				patterns = append(patterns, p)
			}
			for _, e := range x {
				collect(e)
			}
		case []any:
			for _, e := range x {
				collect(e)
			}
		}
	}
	collect(raw)
	if len(patterns) < 30 {
		t.Fatalf("only %d patterns", len(patterns))
	}
	values := []string{"", "a", "A_1", "churn-prod-v8", "-a", "a--b", strings.Repeat("a", 63), strings.Repeat("a", 64),
		"s3://bucket/key", "https://b.s3.amazonaws.com/k", "arn:aws:iam::123456789012:role/x", "alias/k", "ml.m5.large",
		"ml.m9.large", "line\nbreak", " ", "é", "team", "k=v", "/a/../b", "/server/metrics.v1", "123"}
	for _, p := range patterns {
		want := regexp.MustCompile(p)
		got, err := compilePattern(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, v := range values {
			if got.MatchString(v) != want.MatchString(v) {
				t.Errorf("%s on %q: compilePattern says %v", p, v, got.MatchString(v))
			}
		}
	}
	for _, p := range []string{"*a", "+", "?x", "{2}", "{x", "a)(b", "(", `x\`, "|x", "a{2,1}"} {
		_, errGot := compilePattern(p)
		_, errWant := regexp.Compile(p)
		if (errGot == nil) != (errWant == nil) {
			t.Errorf("%q: compilePattern error %v, regexp error %v", p, errGot, errWant)
		}
	}
}

// TestExplainUnknownKeyword: a failed keyword explain has no words for still becomes
// an error that names the value and the keyword, never nothing.
func TestExplainUnknownKeyword(t *testing.T) {
	raw, err := fullSchema()
	if err != nil {
		t.Fatal(err)
	}
	value := map[string]any{"PrimaryContainer": map[string]any{"Environment": map[string]any{"k": "v"}}}
	for _, tc := range []struct {
		lf   leaf
		want string
	}{
		{leaf{&node{loc: "/$defs/Model"}, "multipleOf", "/PrimaryContainer"}, "PrimaryContainer fails the schema's multipleOf"},
		{leaf{&node{loc: "/$defs/ContainerDefinition/properties/Environment/propertyNames"}, "type", "/PrimaryContainer/Environment/k"},
			`key "k" in PrimaryContainer.Environment fails the schema's type`},
	} {
		got := explain("Model", value, []leaf{tc.lf}, raw)
		if len(got) != 1 || got[0].Message != tc.want || got[0].Pointer != tc.lf.pointer {
			t.Errorf("got %+v, want %q", got, tc.want)
		}
	}
}
