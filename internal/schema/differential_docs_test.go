package schema_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
)

// sample is one document of the repository's manifests, as Validate receives it.
type sample struct {
	name, kind string
	value      any
}

// samples reads every YAML and JSON document under testdata/lint and examples.
func samples(t *testing.T) []sample {
	t.Helper()
	var out []sample
	for _, root := range []string{"../../testdata/lint", "../../examples"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".json")) {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			_, docs, _ := manifest.Parse(path, data)
			for _, d := range docs {
				v, err := manifest.ToValue(d.Body)
				if err != nil {
					continue
				}
				kind := string(d.Kind)
				if kind == "" {
					kind = "EndpointConfig"
				}
				out = append(out, sample{fmt.Sprintf("%s#%d", path, d.Index), kind, v})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(out) < 50 {
		t.Fatalf("only %d documents found", len(out))
	}
	return out
}

// TestDifferentialDocuments: on every document in the repository, as its own kind and
// as every other, sagectl's validator and jsonschema v5 find the same failures.
func TestDifferentialDocuments(t *testing.T) {
	valid := 0
	for _, s := range samples(t) {
		for _, k := range kinds {
			if agree(t, s.name, k, s.value) && k == s.kind {
				valid++
			}
		}
	}
	if valid < 20 {
		t.Errorf("only %d documents valid as their own kind: the comparison hardly tests the valid path", valid)
	}
}

// TestDifferentialMutations: every document, changed at every location in the ways
// manifests go wrong (wrong types, out-of-range numbers, unknown and missing keys,
// bad enum values and patterns, instance types), gets the same failures from both.
func TestDifferentialMutations(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of validations")
	}
	n := 0
	for _, s := range samples(t) {
		if _, known := map[string]bool{"Model": true, "EndpointConfig": true, "Endpoint": true}[s.kind]; !known {
			continue
		}
		for _, m := range mutations(s.value) {
			agree(t, s.name+" with "+m.what, s.kind, m.value)
			n++
		}
	}
	if n < 1000 {
		t.Errorf("only %d mutations", n)
	}
}

// mutation is a document with one change.
type mutation struct {
	what  string
	value any
}

// mutations returns v changed once at each location in each way that applies.
func mutations(v any) []mutation {
	var out []mutation
	var visit func(cur any, ptr string, set func(any) any)
	visit = func(cur any, ptr string, set func(any) any) {
		for what, r := range replacements(cur) {
			out = append(out, mutation{fmt.Sprintf("%s at %q", what, ptr), set(r)})
		}
		switch x := cur.(type) {
		case map[string]any:
			for k, e := range x {
				visit(e, ptr+"/"+k, func(r any) any { return set(with(x, k, r)) })
				out = append(out, mutation{fmt.Sprintf("%q removed at %q", k, ptr), set(without(x, k))})
			}
		case []any:
			for i, e := range x {
				visit(e, fmt.Sprintf("%s/%d", ptr, i), func(r any) any {
					c := append([]any(nil), x...)
					c[i] = r
					return set(c)
				})
			}
		}
	}
	visit(v, "", func(r any) any { return r })
	return out
}

// replacements are the values put in place of cur.
func replacements(cur any) map[string]any {
	out := map[string]any{"null": nil, "a boolean": true, "a list": []any{}}
	switch x := cur.(type) {
	case map[string]any:
		out["an unknown key"] = with(x, "UnknownKey", json.Number("1"))
		out["an unknown lower-case key"] = with(x, "modelname", "m")
		out["a key with escapes"] = with(x, "a/b~c %20", "x")
		out["a string"] = "x"
	case []any:
		out["an extra number item"] = append(append([]any(nil), x...), json.Number("5"))
		out["a long list"] = append(append(append(append([]any(nil), x...), x...), x...), x...)
		out["a mapping"] = map[string]any{}
	case string:
		out["an empty string"] = ""
		out["a changed string"] = x + " !"
		out["a lower-case string"] = strings.ToLower(x)
		out["an unknown instance type"] = "ml.m9.large"
		out["a malformed instance type"] = "ml.m5.huge"
		out["a long string"] = strings.Repeat("a", 3000)
		out["a number"] = json.Number("12")
		out["a quoted number"] = "12"
	case json.Number:
		out["a negative number"] = json.Number("-1")
		out["zero"] = json.Number("0")
		out["a fraction"] = json.Number("0.5")
		out["a huge number"] = json.Number("1e21")
		out["an integral fraction"] = json.Number("2.0")
		out["a number in words"] = "two"
		out["a quoted number"] = string(x)
	case bool:
		out["a quoted boolean"] = "true"
	default:
		out["a string"] = "x"
	}
	return out
}

func with(m map[string]any, k string, v any) map[string]any {
	c := make(map[string]any, len(m)+1)
	for key, e := range m {
		c[key] = e
	}
	c[k] = v
	return c
}

func without(m map[string]any, k string) map[string]any {
	c := with(m, k, nil)
	delete(c, k)
	return c
}
