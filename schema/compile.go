package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// Each kind's validation document: the definitions $defs/<Kind> reaches in
// sagectl.schema.json, under the same names, without annotations, one to a line (go
// generate writes them). A process parses only the definitions its documents reach.
var (
	//go:embed kinds/Model.json
	modelDoc []byte
	//go:embed kinds/EndpointConfig.json
	endpointConfigDoc []byte
	//go:embed kinds/Endpoint.json
	endpointDoc []byte
)

// kindSchema is one kind's compiled schema, built on first use.
type kindSchema struct {
	doc  []byte
	once sync.Once
	root *node
	err  error
}

var kindSchemas = map[string]*kindSchema{
	"Model":          {doc: modelDoc},
	"EndpointConfig": {doc: endpointConfigDoc},
	"Endpoint":       {doc: endpointDoc},
}

// compiledKind returns the root node of kind (compiling it on first use), or nil for
// a kind the schema does not have.
func compiledKind(kind string) (*node, error) {
	k := kindSchemas[kind]
	if k == nil {
		return nil, nil
	}
	k.once.Do(func() { k.root, k.err = compile(kind, k.doc) })
	return k.root, k.err
}

// jsonSchema is one schema object as the generator writes it: exactly the keywords
// this validator implements. Decoding rejects any other keyword, so a generator that
// starts emitting one fails the tests instead of being silently ignored.
type jsonSchema struct {
	Ref                  string                 `json:"$ref"`
	Type                 string                 `json:"type"`
	Const                json.RawMessage        `json:"const"`
	Enum                 []any                  `json:"enum"`
	Properties           map[string]*jsonSchema `json:"properties"`
	Required             []string               `json:"required"`
	AdditionalProperties json.RawMessage        `json:"additionalProperties"`
	PropertyNames        *jsonSchema            `json:"propertyNames"`
	Items                *jsonSchema            `json:"items"`
	AnyOf                []*jsonSchema          `json:"anyOf"`
	MinLength            *int                   `json:"minLength"`
	MaxLength            *int                   `json:"maxLength"`
	MinItems             *int                   `json:"minItems"`
	MaxItems             *int                   `json:"maxItems"`
	MinProperties        *int                   `json:"minProperties"`
	MaxProperties        *int                   `json:"maxProperties"`
	Minimum              *json.Number           `json:"minimum"`
	Maximum              *json.Number           `json:"maximum"`
	Pattern              *string                `json:"pattern"`
	WarnUnknown          *string                `json:"x-sagectl-warnUnknown"`
}

// kindHeader is the first line of a kind's validation document, closed.
type kindHeader struct {
	Schema  string              `json:"$schema"`
	Comment string              `json:"$comment"`
	Defs    map[string]struct{} `json:"$defs"`
}

// compiler builds the nodes of one kind's document. Each definition is decoded and
// built the first time a value meets it, from whichever goroutine that is: a document
// pays only for the definitions its fields reach.
type compiler struct {
	defs map[string]*definition // read-only once compile returns

	mu       sync.Mutex
	patterns map[string]*pattern
}

// definition is one $defs entry: its line of JSON until first use, then its node.
type definition struct {
	c    *compiler
	name string
	raw  []byte
	once sync.Once
	node *node
	err  error
}

// compile reads the validation document of kind (written by go generate one
// definition to a line, see schema/internal/gen) and builds its root definition.
func compile(kind string, data []byte) (*node, error) {
	c := &compiler{defs: map[string]*definition{}, patterns: map[string]*pattern{}}
	if err := c.split(data); err != nil {
		return nil, fmt.Errorf("kinds/%s.json: %w", kind, err)
	}
	d := c.defs[kind]
	if d == nil {
		return nil, fmt.Errorf("kinds/%s.json: no definition $defs/%s", kind, kind)
	}
	root, err := d.get()
	if err != nil {
		return nil, fmt.Errorf("kinds/%s.json: %w", kind, err)
	}
	return root, nil
}

// split finds each definition's line without parsing it.
func (c *compiler) split(data []byte) error {
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	last := len(lines) - 1
	if last < 1 || !bytes.HasSuffix(lines[0], []byte(`"$defs":{`)) || string(lines[last]) != "}}" {
		return fmt.Errorf("not a validation document: want a header line ending in \"$defs\":{, one definition a line, and }}")
	}
	var h kindHeader
	if err := strictDecode(append(lines[0][:len(lines[0]):len(lines[0])], "}}"...), &h); err != nil {
		return fmt.Errorf("line 1: %w", err)
	}
	for i, line := range lines[1:last] {
		line = bytes.TrimSuffix(line, []byte(","))
		end := bytes.Index(line, []byte(`":`))
		var name string
		if end < 0 || json.Unmarshal(line[:end+1], &name) != nil {
			return fmt.Errorf("line %d: not a \"name\":{definition} line", i+2)
		}
		c.defs[name] = &definition{c: c, name: name, raw: line[end+2:]}
	}
	return nil
}

// get returns the definition's node, decoding and building it on first use.
func (d *definition) get() (*node, error) {
	d.once.Do(func() {
		var s jsonSchema
		loc := "/$defs/" + escapeToken(d.name)
		if err := strictDecode(d.raw, &s); err != nil {
			d.err = fmt.Errorf("%s: %w", loc, err)
			return
		}
		n := &node{}
		if err := d.c.build(n, &s, loc); err != nil {
			d.err = err
			return
		}
		d.node = n
	})
	return d.node, d.err
}

// strictDecode decodes JSON data into v, numbers as json.Number, refusing fields v
// does not have.
func strictDecode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// sub builds the node of a subschema at loc.
func (c *compiler) sub(s *jsonSchema, loc string) (*node, error) {
	if s == nil {
		return nil, nil
	}
	n := &node{}
	return n, c.build(n, s, loc)
}

// build fills n from the schema object s found at loc.
func (c *compiler) build(n *node, s *jsonSchema, loc string) error {
	n.loc = loc
	var err error
	if s.Ref != "" {
		name, ok := strings.CutPrefix(s.Ref, "#/$defs/")
		if !ok {
			return fmt.Errorf("%s: $ref %q is not a #/$defs/ reference", loc, s.Ref)
		}
		if n.ref = c.defs[name]; n.ref == nil {
			return fmt.Errorf("%s: no definition $defs/%s", loc, name)
		}
	}
	if n.typ, err = parseType(s.Type); err != nil {
		return fmt.Errorf("%s: %w", loc, err)
	}
	if err := c.values(n, s, loc); err != nil {
		return err
	}
	if err := c.object(n, s, loc); err != nil {
		return err
	}
	if n.items, err = c.sub(s.Items, loc+"/items"); err != nil {
		return err
	}
	for i, b := range s.AnyOf {
		bn, err := c.sub(b, fmt.Sprintf("%s/anyOf/%d", loc, i))
		if err != nil {
			return err
		}
		n.anyOf = append(n.anyOf, bn)
	}
	if s.WarnUnknown != nil {
		return c.openEnum(n, loc)
	}
	return nil
}

// values reads the keywords about a scalar value: const, enum, lengths, pattern, range.
func (c *compiler) values(n *node, s *jsonSchema, loc string) error {
	if s.Const != nil {
		v, err := decodeValue(s.Const)
		if err != nil {
			return fmt.Errorf("%s/const: %w", loc, err)
		}
		n.consts = []any{v}
	}
	for _, v := range s.Enum {
		if !isScalar(v) {
			return fmt.Errorf("%s/enum: only strings, numbers, booleans and null are supported, not %T", loc, v)
		}
	}
	if s.Enum != nil && len(s.Enum) == 0 {
		return fmt.Errorf("%s/enum: empty", loc)
	}
	n.enum = s.Enum
	n.minLength, n.maxLength = orNone(s.MinLength), orNone(s.MaxLength)
	n.minItems, n.maxItems = orNone(s.MinItems), orNone(s.MaxItems)
	n.minProperties, n.maxProperties = orNone(s.MinProperties), orNone(s.MaxProperties)
	var err error
	if n.minimum, err = parseBound(s.Minimum); err != nil {
		return fmt.Errorf("%s/minimum: %w", loc, err)
	}
	if n.maximum, err = parseBound(s.Maximum); err != nil {
		return fmt.Errorf("%s/maximum: %w", loc, err)
	}
	if s.Pattern != nil {
		n.pattern = c.pattern(*s.Pattern)
	}
	return nil
}

// object reads the keywords about a mapping.
func (c *compiler) object(n *node, s *jsonSchema, loc string) error {
	n.required = s.Required
	if len(s.Properties) > 0 {
		n.properties = make(map[string]*node, len(s.Properties))
	}
	for name, p := range s.Properties {
		pn, err := c.sub(p, loc+"/properties/"+escapeToken(name))
		if err != nil {
			return err
		}
		n.properties[name] = pn
	}
	var err error
	if n.propertyNames, err = c.sub(s.PropertyNames, loc+"/propertyNames"); err != nil {
		return err
	}
	switch a := bytes.TrimSpace(s.AdditionalProperties); {
	case a == nil, string(a) == "true":
	case string(a) == "false":
		n.closed = true
	default:
		var as jsonSchema
		if err := strictDecode(a, &as); err != nil {
			return fmt.Errorf("%s/additionalProperties: %w", loc, err)
		}
		if n.additional, err = c.sub(&as, loc+"/additionalProperties"); err != nil {
			return err
		}
	}
	return nil
}

// openEnum reads the x-sagectl-warnUnknown keyword of an open enum, written as
// {"anyOf": [{"enum": [known...]}, {"pattern": form}], "x-sagectl-warnUnknown": words}.
func (c *compiler) openEnum(n *node, loc string) error {
	if len(n.anyOf) != 2 || n.anyOf[0].enum == nil || n.anyOf[1].pattern == nil {
		return fmt.Errorf("%s: %s needs an anyOf of an enum and a pattern", loc, KeywordWarnUnknown)
	}
	known := make(map[string]bool, len(n.anyOf[0].enum))
	for _, v := range n.anyOf[0].enum {
		if s, ok := v.(string); ok {
			known[s] = true
		}
	}
	n.anyOf[0].enumSet = known
	n.open = &openEnum{known: known, form: n.anyOf[1].pattern}
	return nil
}

// pattern returns the one lazily compiled regular expression of source src.
func (c *compiler) pattern(src string) *pattern {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.patterns[src]
	if p == nil {
		p = &pattern{src: src}
		c.patterns[src] = p
	}
	return p
}

// decodeValue decodes one JSON value with numbers as json.Number.
func decodeValue(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if !isScalar(v) {
		return nil, fmt.Errorf("only strings, numbers, booleans and null are supported, not %T", v)
	}
	return v, nil
}

func isScalar(v any) bool {
	switch v.(type) {
	case nil, string, bool, json.Number:
		return true
	}
	return false
}

// none marks a length or count limit the schema does not set.
const none = -1

func orNone(p *int) int {
	if p == nil {
		return none
	}
	return *p
}

// escapeToken escapes a JSON pointer reference token.
func escapeToken(t string) string {
	if !strings.ContainsAny(t, "~/") {
		return t
	}
	return strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1")
}
