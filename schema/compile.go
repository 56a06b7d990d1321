package schema

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// schemaURL is the name the embedded schema is compiled under.
const schemaURL = "sagectl.schema.json"

// compiledSchema is the embedded schema, compiled once per process.
type compiledSchema struct {
	// kinds holds each kind's own subschema ($defs/<Kind>): validating against it
	// directly keeps the top-level if/then dispatch out of the errors.
	kinds map[string]*jsonschema.Schema
	// data is the schema document; rawVal is it as plain JSON values, decoded on the
	// first error (clean documents never need it) to read the constraint behind it.
	data    []byte
	rawOnce sync.Once
	rawVal  any
}

// raw returns the schema as plain JSON values (numbers as json.Number).
func (c *compiledSchema) raw() any {
	c.rawOnce.Do(func() {
		dec := json.NewDecoder(bytes.NewReader(c.data))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) == nil { // compile already parsed the same bytes
			c.rawVal = v
		}
	})
	return c.rawVal
}

var (
	compileOnce sync.Once
	compiledVal *compiledSchema
	compileErr  error
)

func compiled() (*compiledSchema, error) {
	compileOnce.Do(func() { compiledVal, compileErr = compile(schemaJSON) })
	return compiledVal, compileErr
}

// compile compiles the subschema of every kind in the schema document data.
func compile(data []byte) (*compiledSchema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource(schemaURL, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	meta, err := jsonschema.CompileString("warn-unknown.json",
		`{"properties": {"`+KeywordWarnUnknown+`": {"type": "string"}}}`)
	if err != nil {
		return nil, err
	}
	c.RegisterExtension(KeywordWarnUnknown, meta, warnUnknownCompiler{})
	out := &compiledSchema{kinds: map[string]*jsonschema.Schema{}, data: data}
	for _, k := range []string{"Model", "EndpointConfig", "Endpoint"} {
		s, err := c.Compile(schemaURL + "#/$defs/" + k)
		if err != nil {
			return nil, err
		}
		out.kinds[k] = s
	}
	return out, nil
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
