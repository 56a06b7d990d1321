// Package gen derives sagectl's JSON Schema from the AWS SDK's Go types: the shape by
// reflection over the request input types, enum values from their Values() methods,
// and min/max/pattern from the committed constraints table. It fails when the SDK has a
// field the table does not account for, or the table a field the SDK no longer has.
package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sagectl/sagectl/internal/schema"
)

// Draft is the JSON Schema dialect of the generated schema.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// generator builds the schema for one table.
type generator struct {
	table *Table
	defs  map[string]map[string]any
	used  map[string]bool // table keys the SDK accounts for
	words map[string]bool // pattern_words keys some field uses
	errs  []string
	// editor is set for the editor document (GenerateEditor): no sagectl keywords, the
	// words of a pattern in its description, and a stepped range as the enum it is.
	editor bool
}

// Generate returns the schema, indented and newline-terminated, for the constraints
// table data: sagectl's own document, with the x-sagectl- keywords its messages and
// open enums read.
func Generate(data []byte) ([]byte, error) {
	return generateDoc(data, false)
}

// GenerateEditor returns the document `sagectl schema` prints for editors and other
// validators: standard draft 2020-12 keywords only (ajv accepts it in strict mode), a
// document without kind validated as the request its fields are those of (as sagectl
// infers it), and a documented stepped range (serverless memory sizes) as an enum.
func GenerateEditor(data []byte) ([]byte, error) {
	return generateDoc(data, true)
}

func generateDoc(data []byte, editor bool) ([]byte, error) {
	t, err := ParseTable(data)
	if err != nil {
		return nil, err
	}
	g := &generator{table: t, defs: map[string]map[string]any{}, used: map[string]bool{}, words: map[string]bool{}, editor: editor}
	names := make([]any, 0, len(kinds))
	var dispatch []any
	for _, k := range kinds {
		g.defs[k.name] = g.kindDef(k)
		names = append(names, k.name)
		cond := map[string]any{"properties": map[string]any{"kind": map[string]any{"const": k.name}}, "required": []any{"kind"}}
		dispatch = append(dispatch, map[string]any{"if": cond, "then": map[string]any{"$ref": "#/$defs/" + k.name}})
	}
	dispatch = append(dispatch, kindless())
	for key := range t.Fields {
		if !g.used[key] {
			g.errs = append(g.errs, fmt.Sprintf("%s: in the constraints table but not in the SDK: remove it from schema/constraints.json", key))
		}
	}
	for p := range t.PatternWords {
		if !g.words[p] {
			g.errs = append(g.errs, fmt.Sprintf("pattern_words: no field has the pattern %s: remove it from schema/constraints.json", p))
		}
	}
	if len(g.errs) > 0 {
		sort.Strings(g.errs)
		return nil, fmt.Errorf("schema generation failed:\n  %s", strings.Join(g.errs, "\n  "))
	}
	root := map[string]any{
		"$schema":     Draft,
		"$id":         "https://github.com/sagectl/sagectl/schema/sagectl.schema.json",
		"title":       "sagectl manifest",
		"description": "One SageMaker resource: kind Model, EndpointConfig, Endpoint or InferenceComponent, or one Application Auto Scaling resource of an endpoint: kind ScalableTarget, ScalingPolicy or ScheduledAction; then the fields of the AWS API request that creates it, spelled as the API spells them. Or kind SmokeTest: a request apply sends to an endpoint it created or updated, and the answer it expects. Generated from the AWS SDK for Go; do not edit.",
		"type":        "object",
		"properties": map[string]any{"kind": map[string]any{
			"description": "The resource kind. A document without kind (an AWS CLI --cli-input-json or --cli-input-yaml file) " +
				"is the kind whose request its fields are: EndpointConfigName and ProductionVariants make an EndpointConfig, " +
				"ModelName with PrimaryContainer or Containers a Model, EndpointName and EndpointConfigName an Endpoint.",
			"enum": names,
		}},
		"allOf": dispatch,
		"$defs": g.defs,
	}
	if editor {
		root["$id"] = "https://github.com/sagectl/sagectl/schema/editor.schema.json"
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// kindless is the rule for a document without kind: the kind whose request has its
// fields, tested in the order of internal/manifest's inferKind, and otherwise kind is
// required. (sagectl itself validates each document against the kind the manifest
// loader gave it, with the kind documents; this top level is for other validators.)
func kindless() map[string]any {
	has := func(names ...string) map[string]any {
		props := map[string]any{}
		req := make([]any, len(names))
		for i, n := range names {
			props[n] = true
			req[i] = n
		}
		return map[string]any{"type": "object", "properties": props, "required": req}
	}
	ref := func(k string) map[string]any { return map[string]any{"$ref": "#/$defs/" + k} }
	model := has("ModelName")
	model["anyOf"] = []any{has("PrimaryContainer"), has("Containers")}
	return map[string]any{
		"if": has("kind"),
		"else": map[string]any{
			"if": has("EndpointConfigName", "ProductionVariants"), "then": ref("EndpointConfig"),
			"else": map[string]any{
				"if": model, "then": ref("Model"),
				"else": map[string]any{
					"if": has("EndpointName", "EndpointConfigName"), "then": ref("Endpoint"),
					"else": has("kind"),
				},
			},
		},
	}
}

// rfc3339 is the form of a timestamp field: an RFC 3339 date-time in UTC or with an offset.
const rfc3339 = `^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$`

// kindDef builds the subschema of one kind from its request shapes.
func (g *generator) kindDef(k kind) map[string]any {
	props := map[string]any{"kind": map[string]any{"const": k.name, "description": "The resource kind."}}
	var required []any
	for i, o := range k.ops {
		for _, sf := range fields(o.typ) {
			p := g.property(o.name, sf.Name, sf.Type)
			if _, dup := props[sf.Name]; dup || p == nil {
				continue
			}
			props[sf.Name] = p
			if f := g.table.Fields[o.name+":"+sf.Name]; i == 0 && f != nil && f.Required {
				required = append(required, sf.Name)
			}
		}
	}
	def := map[string]any{"title": k.name, "description": k.description, "type": "object",
		"properties": props, "additionalProperties": false}
	if len(required) > 0 {
		def["required"] = required
	}
	return def
}

// fields returns the exported fields of struct t (the SDK's unexported
// noSmithyDocumentSerde marker is skipped).
func fields(t reflect.Type) []reflect.StructField {
	var out []reflect.StructField
	for i := range t.NumField() {
		if sf := t.Field(i); sf.IsExported() {
			out = append(out, sf)
		}
	}
	return out
}

// property returns the schema of the field at path (an "Operation:Path" table key
// without the operation) with its description, or nil after recording an error.
func (g *generator) property(op, path string, t reflect.Type) map[string]any {
	key := op + ":" + path
	f := g.table.Fields[key]
	if f == nil {
		g.errs = append(g.errs, fmt.Sprintf("%s: the SDK field (%s) is not in the constraints table: add it to schema/constraints.json", key, t))
		return nil
	}
	g.used[key] = true
	s := g.value(op, path, t, f, &f.Limits)
	if s == nil {
		return nil
	}
	if f.Doc != "" {
		if w, ok := s["description"].(string); ok && g.editor {
			s["description"] = f.Doc + " " + w
		} else {
			s["description"] = f.Doc
		}
	}
	return s
}

// value returns the schema of a value of Go type t whose own limits are l.
func (g *generator) value(op, path string, t reflect.Type, f *Field, l *Limits) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeFor[time.Time]() {
		// An API timestamp (PutScheduledAction's StartTime), written as an RFC 3339
		// date-time (sagectl's validator has no "format" keyword: a pattern says it).
		return g.stringSchema(&Limits{Pattern: rfc3339})
	}
	switch t.Kind() {
	case reflect.String:
		if ref := g.enumRef(op+":"+path, t); ref != "" {
			return map[string]any{"$ref": ref}
		}
		return g.stringSchema(l)
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int32, reflect.Int64:
		s := numberSchema("integer", l)
		if len(f.Enum) > 0 && l == &f.Limits {
			s["enum"] = f.Enum
		}
		if f.Step != nil && l == &f.Limits && g.editor {
			return g.steps(op+":"+path, l, *f.Step)
		}
		return s
	case reflect.Float32, reflect.Float64:
		return numberSchema("number", l)
	case reflect.Slice:
		s := map[string]any{"type": "array"}
		putNumber(s, "minItems", l.Min)
		putNumber(s, "maxItems", l.Max)
		items := f.Items
		if items == nil {
			items = &Limits{}
		}
		elem := g.value(op, path+"[]", t.Elem(), f, items)
		if elem == nil {
			return nil
		}
		s["items"] = elem
		return s
	case reflect.Map:
		if t.Key().Kind() != reflect.String || t.Elem().Kind() != reflect.String {
			break
		}
		s := map[string]any{"type": "object"}
		putNumber(s, "minProperties", l.Min)
		putNumber(s, "maxProperties", l.Max)
		if f.Keys != nil {
			s["propertyNames"] = g.stringSchema(f.Keys)
		}
		vals := f.Values
		if vals == nil {
			vals = &Limits{}
		}
		s["additionalProperties"] = g.stringSchema(vals)
		return s
	case reflect.Struct:
		return g.structRef(op, path, t)
	}
	g.errs = append(g.errs, fmt.Sprintf("%s:%s: Go type %s has no JSON Schema mapping: teach schema/internal/gen about it", op, path, t))
	return nil
}

// structRef builds (or checks against the existing) $defs entry of struct t and
// returns a reference to it. A shape reached by several paths must get the same
// constraints from each, or the shared definition would be wrong for one of them.
func (g *generator) structRef(op, path string, t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []any
	for _, sf := range fields(t) {
		sub := path + "." + sf.Name
		p := g.property(op, sub, sf.Type)
		if p == nil {
			continue
		}
		props[sf.Name] = p
		if g.table.Fields[op+":"+sub].Required {
			required = append(required, sf.Name)
		}
	}
	def := map[string]any{"title": t.Name(), "type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		def["required"] = required
	}
	if old, ok := g.defs[t.Name()]; ok && !reflect.DeepEqual(old, def) {
		g.errs = append(g.errs, fmt.Sprintf("%s:%s: shape %s has different constraints here than elsewhere", op, path, t.Name()))
	}
	g.defs[t.Name()] = def
	return map[string]any{"$ref": "#/$defs/" + t.Name()}
}

// enumRef returns a reference to the $defs entry of SDK enum type t, built from its
// Values() method, or "" when t is a plain string.
func (g *generator) enumRef(key string, t reflect.Type) string {
	if t.PkgPath() == "" {
		return ""
	}
	m, ok := t.MethodByName("Values")
	if !ok || m.Type.NumIn() != 1 || m.Type.NumOut() != 1 || m.Type.Out(0).Kind() != reflect.Slice {
		g.errs = append(g.errs, fmt.Sprintf("%s: enum type %s has no Values() method", key, t))
		return ""
	}
	if _, done := g.defs[t.Name()]; done {
		return "#/$defs/" + t.Name()
	}
	vs := m.Func.Call([]reflect.Value{reflect.Zero(t)})[0]
	values := make([]any, vs.Len())
	for i := range values {
		values[i] = vs.Index(i).String()
	}
	def := map[string]any{"title": t.Name(), "type": "string", "enum": values}
	if open, ok := openEnums[t.Name()]; ok {
		re := regexp.MustCompile(open.pattern)
		for _, v := range values {
			if !re.MatchString(v.(string)) {
				g.errs = append(g.errs, fmt.Sprintf("%s: SDK value %q of %s does not match its form %s: widen openEnums", key, v, t.Name(), open.pattern))
			}
		}
		delete(def, "enum")
		def["anyOf"] = []any{map[string]any{"enum": values}, map[string]any{"pattern": open.pattern}}
		def["description"] = fmt.Sprintf("One of the %d values this SDK knows, or a newer one of the form %s (sagectl warns about those).", len(values), open.form)
		if !g.editor {
			def[schema.KeywordWarnUnknown] = open.form
		}
	}
	g.defs[t.Name()] = def
	return "#/$defs/" + t.Name()
}

// stringSchema is a string with limits. A minimum length of 0 next to a pattern that
// cannot match "" (most names) is really 1: the schema says so.
func (g *generator) stringSchema(l *Limits) map[string]any {
	s := map[string]any{"type": "string"}
	putNumber(s, "minLength", l.Min)
	putNumber(s, "maxLength", l.Max)
	if l.Pattern != "" {
		s["pattern"] = l.Pattern
		if w, ok := g.table.PatternWords[l.Pattern]; ok {
			if g.editor {
				s["description"] = "Allowed: " + w + "."
			} else {
				s[schema.KeywordForm] = w
			}
			g.words[l.Pattern] = true
		}
		if regexp.MustCompile(l.Pattern).MatchString("") {
			return s
		}
		if n, ok := s["minLength"].(json.Number); !ok || n == "0" {
			s["minLength"] = json.Number("1")
		}
	}
	return s
}

// steps is the enum of the stepped integer range l: Min, Min+step, ... up to Max.
func (g *generator) steps(key string, l *Limits, step json.Number) map[string]any {
	bad := func() map[string]any {
		g.errs = append(g.errs, fmt.Sprintf("%s: step needs integer min and max and a positive step that makes at most 100 values", key))
		return numberSchema("integer", l)
	}
	if l.Min == nil || l.Max == nil {
		return bad()
	}
	lo, err1 := l.Min.Int64()
	hi, err2 := l.Max.Int64()
	n, err3 := step.Int64()
	if err1 != nil || err2 != nil || err3 != nil || n <= 0 || hi < lo || (hi-lo)/n > 100 {
		return bad()
	}
	var values []any
	for v := lo; v <= hi; v += n {
		values = append(values, json.Number(strconv.FormatInt(v, 10)))
	}
	return map[string]any{"type": "integer", "enum": values}
}

// numberSchema is an integer or number with a range.
func numberSchema(typ string, l *Limits) map[string]any {
	s := map[string]any{"type": typ}
	putNumber(s, "minimum", l.Min)
	putNumber(s, "maximum", l.Max)
	return s
}

func putNumber(s map[string]any, key string, n *json.Number) {
	if n != nil {
		s[key] = *n
	}
}
