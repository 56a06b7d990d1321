package schema

import (
	"strings"
	"testing"
)

// BenchmarkCompile is the one-off start-up cost of reading the embedded schema and
// compiling every kind (a file of one kind pays for parse plus that kind only).
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c, err := parse(schemaJSON)
		if err != nil {
			b.Fatal(err)
		}
		for _, k := range []string{"Model", "EndpointConfig", "Endpoint"} {
			if _, err := c.compiledKind(k); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCompileEndpointConfig is the start-up cost for a file of EndpointConfigs.
func BenchmarkCompileEndpointConfig(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c, err := parse(schemaJSON)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.compiledKind("EndpointConfig"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestKindDocuments: each kind's document holds the definitions it reaches and no
// others, under the same names.
func TestKindDocuments(t *testing.T) {
	c, err := parse(schemaJSON)
	if err != nil {
		t.Fatal(err)
	}
	for kind, want := range map[string][]string{
		"Model":          {"Model", "ContainerDefinition", "Tag", "VpcConfig", "MetricsEndpoint"},
		"EndpointConfig": {"EndpointConfig", "ProductionVariant", "ProductionVariantInstanceType", "Tag", "ClarifyTextConfig"},
		"Endpoint":       {"Endpoint", "DeploymentConfig", "DesiredWeightAndCapacity", "Tag"},
	} {
		data, err := c.kindDocument(kind)
		if err != nil {
			t.Fatal(err)
		}
		doc := string(data)
		for _, d := range want {
			if !strings.Contains(doc, `"`+d+`":{`) {
				t.Errorf("%s document lacks $defs/%s", kind, d)
			}
		}
		for _, other := range []string{"Model", "EndpointConfig", "Endpoint"} {
			if other != kind && strings.Contains(doc, `"`+other+`":{"additionalProperties"`) {
				t.Errorf("%s document holds $defs/%s", kind, other)
			}
		}
		if _, err := c.compiledKind(kind); err != nil {
			t.Errorf("%s: %v", kind, err)
		}
	}
	if s, err := c.compiledKind("Bucket"); s != nil || err != nil {
		t.Errorf("unknown kind: %v, %v", s, err)
	}
}

// TestParseAndCompileErrors: a broken schema is reported, not a panic.
func TestParseAndCompileErrors(t *testing.T) {
	for name, data := range map[string]string{
		"not JSON":     "{",
		"kind missing": `{"$defs": {"Model": {}, "Endpoint": {}}}`,
	} {
		if _, err := parse([]byte(data)); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
	for name, doc := range map[string]string{
		"bad open enum": `{"$defs": {"Model": {"x-sagectl-warnUnknown": "f", "anyOf": [{"enum": ["a"]}, {"pattern": "("}]}}}`,
		"not a schema":  `{"$defs": {"Model": {"type": 5}}}`,
		"not JSON":      `{`,
	} {
		if _, err := compileKind("Model", []byte(doc)); err == nil {
			t.Errorf("%s: compiled", name)
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
