package schema

import (
	"strings"
	"testing"
)

// BenchmarkCompile is the one-off start-up cost of compiling the embedded schema.
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compile(schemaJSON); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCompileErrors: a broken schema is reported, not a panic.
func TestCompileErrors(t *testing.T) {
	for name, data := range map[string]string{
		"not JSON":      "{",
		"kind missing":  `{"$defs": {}}`,
		"bad open enum": `{"$defs": {"Model": {"x-sagectl-warnUnknown": "f", "anyOf": [{"enum": ["a"]}, {"pattern": "("}]}}}`,
		"not a schema":  `{"$defs": {"Model": {"type": 5}}}`,
	} {
		if _, err := compile([]byte(data)); err == nil {
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
