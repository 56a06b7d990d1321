package schema_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/sagectl/sagectl/internal/schema"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// kinds are the kinds every differential check validates against.
var kinds = []string{"Model", "EndpointConfig", "Endpoint"}

// reference is jsonschema v5 compiling the full sagectl.schema.json: the standard
// validator sagectl's own must agree with.
var reference = sync.OnceValues(func() (map[string]*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource("s.json", bytes.NewReader(schema.JSON())); err != nil {
		return nil, err
	}
	meta, err := jsonschema.CompileString("warn-unknown.json",
		`{"properties": {"`+schema.KeywordWarnUnknown+`": {"type": "string"}}}`)
	if err != nil {
		return nil, err
	}
	c.RegisterExtension(schema.KeywordWarnUnknown, meta, warnUnknownCompiler{})
	out := map[string]*jsonschema.Schema{}
	for _, k := range kinds {
		if out[k], err = c.Compile("s.json#/$defs/" + k); err != nil {
			return nil, err
		}
	}
	return out, nil
})

// referenceFailures validates v with v5 and returns its leaf failures in the form of
// schema.FailedKeywords. The anyOf of an open enum is one failure, as in sagectl.
func referenceFailures(t testing.TB, kind string, v any) []string {
	t.Helper()
	ref, err := reference()
	if err != nil {
		t.Fatal(err)
	}
	err = ref[kind].Validate(v)
	if err == nil {
		return []string{}
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("v5: %v", err)
	}
	out := []string{}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		loc := e.AbsoluteKeywordLocation[strings.IndexByte(e.AbsoluteKeywordLocation, '#')+1:]
		if len(e.Causes) == 0 || openEnumAnyOf.MatchString(loc) {
			out = append(out, unescapeInstance(e.InstanceLocation)+" "+loc)
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	sort.Strings(out)
	return out
}

// openEnumAnyOf matches the anyOf of the schema's only open enum.
var openEnumAnyOf = regexp.MustCompile(`^/\$defs/ProductionVariantInstanceType/anyOf$`)

// unescapeInstance turns v5's instance location, whose tokens it URL-escapes, into a
// plain JSON pointer.
func unescapeInstance(loc string) string {
	parts := strings.Split(loc, "/")
	for i, p := range parts {
		if u, err := url.PathUnescape(p); err == nil {
			parts[i] = u
		}
	}
	return strings.Join(parts, "/")
}

// agree fails the test when sagectl's validator and v5 disagree on v as kind: on
// valid or not, and on which keywords fail where. It reports whether v is valid.
func agree(t testing.TB, name, kind string, v any) bool {
	t.Helper()
	want := referenceFailures(t, kind, v)
	got, err := schema.FailedKeywords(kind, v)
	if err != nil {
		t.Fatalf("%s as %s: %v", name, kind, err)
	}
	if got == nil {
		got = []string{}
	}
	for i, g := range got {
		got[i] = dropEmptyTokens(g)
	}
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s as %s:\nsagectl: %q\nv5:      %q", name, kind, got, want)
	}
	if valid := len(schema.Validate(kind, v)) == 0; valid != (len(want) == 0) {
		t.Errorf("%s as %s: Validate says valid=%v, v5 %q", name, kind, valid, want)
	}
	return len(want) == 0
}

// dropEmptyTokens rewrites the instance pointer of a failure the way v5 writes it: v5
// drops the token of an empty key ("/Environment/" for the key "" is "/Environment"),
// which sagectl keeps, so that the error names the key.
func dropEmptyTokens(failure string) string {
	i := strings.LastIndex(failure, " /$defs/")
	ptr, loc := failure[:i], failure[i+1:]
	for strings.Contains(ptr, "//") {
		ptr = strings.ReplaceAll(ptr, "//", "/")
	}
	return strings.TrimSuffix(ptr, "/") + " " + loc
}

// warnUnknownCompiler is the reference implementation of x-sagectl-warnUnknown for
// v5: a value of the open enum's form that is not in its list fails the keyword.
type warnUnknownCompiler struct{}

func (warnUnknownCompiler) Compile(_ jsonschema.CompilerContext, m map[string]any) (jsonschema.ExtSchema, error) {
	if _, ok := m[schema.KeywordWarnUnknown]; !ok {
		return nil, nil
	}
	branches, _ := m["anyOf"].([]any)
	if len(branches) != 2 {
		return nil, fmt.Errorf("open enum without two anyOf branches")
	}
	known := map[string]bool{}
	for _, v := range branches[0].(map[string]any)["enum"].([]any) {
		known[v.(string)] = true
	}
	form, err := regexp.Compile(branches[1].(map[string]any)["pattern"].(string))
	if err != nil {
		return nil, err
	}
	return warnUnknown{known: known, form: form}, nil
}

type warnUnknown struct {
	known map[string]bool
	form  *regexp.Regexp
}

func (w warnUnknown) Validate(ctx jsonschema.ValidationContext, v any) error {
	s, ok := v.(string)
	if !ok || w.known[s] || !w.form.MatchString(s) {
		return nil
	}
	return ctx.Error(schema.KeywordWarnUnknown, "unknown value %q", s)
}
