package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// compiledSchema is the embedded schema, parsed once per process; each kind's
// subschema is compiled the first time a document of that kind is validated.
type compiledSchema struct {
	// raw is the schema as plain JSON values (numbers as json.Number): the source of
	// each kind's document and of the constraints messages quote.
	raw   any
	kinds map[string]*kindSchema
}

// kindSchema is one kind's subschema ($defs/<Kind>): validating against it directly
// keeps the top-level if/then dispatch out of the errors. It is compiled from a
// document holding only the definitions the kind reaches, under the same
// #/$defs/... locations, so a file of one kind pays for one kind.
type kindSchema struct {
	once   sync.Once
	schema *jsonschema.Schema
	err    error
}

var (
	parseOnce sync.Once
	parsedVal *compiledSchema
	parseErr  error
)

func compiled() (*compiledSchema, error) {
	parseOnce.Do(func() { parsedVal, parseErr = parse(schemaJSON) })
	return parsedVal, parseErr
}

// parse reads the schema document data and prepares one document per kind.
func parse(data []byte) (*compiledSchema, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var root map[string]any
	if err := dec.Decode(&root); err != nil {
		return nil, err
	}
	defs, _ := root["$defs"].(map[string]any)
	c := &compiledSchema{raw: root, kinds: map[string]*kindSchema{}}
	for _, k := range []string{"Model", "EndpointConfig", "Endpoint"} {
		if defs[k] == nil {
			return nil, fmt.Errorf("schema has no $defs/%s", k)
		}
		c.kinds[k] = &kindSchema{}
	}
	return c, nil
}

// kindDocument returns a schema document holding $defs/<kind> and every definition it
// refers to, under the same names.
func (c *compiledSchema) kindDocument(kind string) ([]byte, error) {
	root, _ := c.raw.(map[string]any)
	defs, _ := root["$defs"].(map[string]any)
	reached := map[string]any{}
	reach(defs, kind, reached)
	return json.Marshal(map[string]any{"$schema": root["$schema"], "$defs": reached})
}

// reach adds definition name, and every definition it refers to, to out.
func reach(defs map[string]any, name string, out map[string]any) {
	if _, done := out[name]; done || defs[name] == nil {
		return
	}
	out[name] = defs[name]
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["$ref"].(string); ok {
				reach(defs, strings.TrimPrefix(ref, "#/$defs/"), out)
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(defs[name])
}

// compiledKind returns the compiled subschema of kind (compiling it on first use),
// or nil for a kind the schema does not have.
func (c *compiledSchema) compiledKind(kind string) (*jsonschema.Schema, error) {
	k := c.kinds[kind]
	if k == nil {
		return nil, nil
	}
	k.once.Do(func() {
		doc, err := c.kindDocument(kind)
		if err != nil {
			k.err = err
			return
		}
		k.schema, k.err = compileKind(kind, doc)
	})
	return k.schema, k.err
}

// compileKind compiles $defs/<kind> of the schema document doc.
func compileKind(kind string, doc []byte) (*jsonschema.Schema, error) {
	url := kind + ".schema.json"
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource(url, bytes.NewReader(doc)); err != nil {
		return nil, err
	}
	meta, err := jsonschema.CompileString("warn-unknown.json",
		`{"properties": {"`+KeywordWarnUnknown+`": {"type": "string"}}}`)
	if err != nil {
		return nil, err
	}
	c.RegisterExtension(KeywordWarnUnknown, meta, warnUnknownCompiler{})
	return c.Compile(url + "#/$defs/" + kind)
}

// warnUnknownCompiler compiles the x-sagectl-warnUnknown keyword of an open enum,
// written as {"anyOf": [{"enum": [known...]}, {"pattern": form}], "x-sagectl-warnUnknown": ...}.
type warnUnknownCompiler struct{}

func (warnUnknownCompiler) Compile(_ jsonschema.CompilerContext, m map[string]any) (jsonschema.ExtSchema, error) {
	if _, ok := m[KeywordWarnUnknown]; !ok {
		return nil, nil
	}
	known, form := openEnumParts(m)
	re, err := regexp.Compile(form)
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(known))
	for _, v := range known {
		set[v] = true
	}
	return warnUnknown{known: set, form: re}, nil
}

// openEnumParts returns the known values and the pattern of an open enum's schema.
func openEnumParts(m map[string]any) (known []string, form string) {
	branches, _ := m["anyOf"].([]any)
	for _, b := range branches {
		bm, _ := b.(map[string]any)
		if vs, ok := bm["enum"].([]any); ok {
			for _, v := range vs {
				if s, ok := v.(string); ok {
					known = append(known, s)
				}
			}
		}
		if p, ok := bm["pattern"].(string); ok {
			form = p
		}
	}
	return known, form
}

// warnUnknown flags a well-formed value outside the known list; the anyOf next to it
// already rejects malformed values.
type warnUnknown struct {
	known map[string]bool
	form  *regexp.Regexp
}

func (w warnUnknown) Validate(ctx jsonschema.ValidationContext, v any) error {
	s, ok := v.(string)
	if !ok || w.known[s] || !w.form.MatchString(s) {
		return nil
	}
	return ctx.Error(KeywordWarnUnknown, "unknown value %q", s)
}
