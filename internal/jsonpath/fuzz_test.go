package jsonpath

import (
	"errors"
	"testing"
)

// FuzzParse: any string parses to a path or to an *Error inside the input, never a panic;
// a parsed path looks values up without panicking.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"$", "$.a[0]['b']", `$["x\"y"]`, "$[-1]", "$.", "$[", "x"} {
		f.Add(s)
	}
	doc := map[string]any{"a": []any{map[string]any{"b": 1.0}}}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Offset < 0 || e.Offset > len(s) {
				t.Fatalf("Parse(%q): %v is not an *Error within the input", s, err)
			}
			return
		}
		p.Lookup(doc)
	})
}
