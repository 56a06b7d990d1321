package schema

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// keywords are those build implements: exactly what the generator emits, less the
// annotations it strips. Any other keyword is refused, so a generator that starts
// emitting one fails the tests instead of being silently ignored.
var keywords = map[string]bool{
	"$ref": true, "type": true, "const": true, "enum": true,
	"properties": true, "required": true, "additionalProperties": true, "propertyNames": true,
	"minProperties": true, "maxProperties": true, "items": true, "minItems": true, "maxItems": true,
	"minLength": true, "maxLength": true, "pattern": true, "minimum": true, "maximum": true,
	"anyOf": true, KeywordWarnUnknown: true,
}

// sub builds the node of the subschema s (a JSON object) at loc.
func (c *compiler) sub(s any, loc string) (*node, error) {
	m, ok := s.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: a schema must be an object, not %s", loc, describe(s))
	}
	n := &node{}
	return n, c.build(n, m, loc)
}

// build fills n from the schema object s found at loc.
func (c *compiler) build(n *node, s map[string]any, loc string) error {
	n.loc = loc
	for k := range s {
		if !keywords[k] {
			return fmt.Errorf("%s: unknown keyword %q", loc, k)
		}
	}
	if ref, ok := s["$ref"]; ok {
		r, _ := ref.(string)
		name, ok := strings.CutPrefix(r, "#/$defs/")
		if !ok {
			return fmt.Errorf("%s: $ref %s is not a #/$defs/ reference", loc, valueWord(ref))
		}
		if n.ref = c.defs[name]; n.ref == nil {
			return fmt.Errorf("%s: no definition $defs/%s", loc, name)
		}
	}
	if t, ok := s["type"]; ok {
		name, _ := t.(string)
		var err error
		if n.typ, err = parseType(name); err != nil {
			return fmt.Errorf("%s/type: want one type name, not %s", loc, valueWord(t))
		}
	}
	if err := c.values(n, s, loc); err != nil {
		return err
	}
	if err := c.object(n, s, loc); err != nil {
		return err
	}
	if items, ok := s["items"]; ok {
		var err error
		if n.items, err = c.sub(items, loc+"/items"); err != nil {
			return err
		}
	}
	if anyOf, ok := s["anyOf"]; ok {
		branches, ok := anyOf.([]any)
		if !ok || len(branches) == 0 {
			return fmt.Errorf("%s/anyOf: want a list of schemas", loc)
		}
		for i, b := range branches {
			bn, err := c.sub(b, loc+"/anyOf/"+strconv.Itoa(i))
			if err != nil {
				return err
			}
			n.anyOf = append(n.anyOf, bn)
		}
	}
	if _, ok := s[KeywordWarnUnknown]; ok {
		return c.openEnum(n, loc)
	}
	return nil
}

// values reads the keywords about a scalar value: const, enum, lengths, pattern, range.
func (c *compiler) values(n *node, s map[string]any, loc string) error {
	if v, ok := s["const"]; ok {
		if !isScalar(v) {
			return fmt.Errorf("%s/const: only strings, numbers, booleans and null are supported, not %s", loc, describe(v))
		}
		n.consts = []any{v}
	}
	if e, ok := s["enum"]; ok {
		vs, ok := e.([]any)
		if !ok || len(vs) == 0 {
			return fmt.Errorf("%s/enum: want a list of values", loc)
		}
		for _, v := range vs {
			if !isScalar(v) {
				return fmt.Errorf("%s/enum: only strings, numbers, booleans and null are supported, not %s", loc, describe(v))
			}
		}
		n.enum = vs
	}
	for _, c := range []struct {
		kw  string
		dst *int
	}{{"minLength", &n.minLength}, {"maxLength", &n.maxLength}, {"minItems", &n.minItems},
		{"maxItems", &n.maxItems}, {"minProperties", &n.minProperties}, {"maxProperties", &n.maxProperties}} {
		var err error
		if *c.dst, err = count(s, c.kw); err != nil {
			return fmt.Errorf("%s/%s: %w", loc, c.kw, err)
		}
	}
	for _, b := range []struct {
		kw  string
		dst **bound
	}{{"minimum", &n.minimum}, {"maximum", &n.maximum}} {
		if v, ok := s[b.kw]; ok {
			var err error
			if *b.dst, err = parseBound(v); err != nil {
				return fmt.Errorf("%s/%s: %w", loc, b.kw, err)
			}
		}
	}
	if p, ok := s["pattern"]; ok {
		src, ok := p.(string)
		if !ok {
			return fmt.Errorf("%s/pattern: want a string, not %s", loc, describe(p))
		}
		n.pattern = c.pattern(src)
	}
	return nil
}

// count reads a length or count keyword: a non-negative integer, or none.
func count(s map[string]any, kw string) (int, error) {
	v, ok := s[kw]
	if !ok {
		return none, nil
	}
	num, _ := v.(json.Number)
	i, err := strconv.Atoi(string(num))
	if err != nil || i < 0 {
		return none, fmt.Errorf("want a non-negative integer, not %s", describe(v))
	}
	return i, nil
}

// object reads the keywords about a mapping.
func (c *compiler) object(n *node, s map[string]any, loc string) error {
	if r, ok := s["required"]; ok {
		names, ok := r.([]any)
		if !ok {
			return fmt.Errorf("%s/required: want a list of names", loc)
		}
		for _, x := range names {
			name, ok := x.(string)
			if !ok {
				return fmt.Errorf("%s/required: want a list of names, not %s", loc, describe(x))
			}
			n.required = append(n.required, name)
		}
	}
	if p, ok := s["properties"]; ok {
		props, ok := p.(map[string]any)
		if !ok {
			return fmt.Errorf("%s/properties: want an object of schemas", loc)
		}
		n.properties = make(map[string]*node, len(props))
		for name, ps := range props {
			pn, err := c.sub(ps, loc+"/properties/"+escapeToken(name))
			if err != nil {
				return err
			}
			n.properties[name] = pn
		}
	}
	if pn, ok := s["propertyNames"]; ok {
		var err error
		if n.propertyNames, err = c.sub(pn, loc+"/propertyNames"); err != nil {
			return err
		}
	}
	switch a := s["additionalProperties"].(type) {
	case nil:
		if _, ok := s["additionalProperties"]; ok {
			return fmt.Errorf("%s/additionalProperties: want a boolean or a schema", loc)
		}
	case bool:
		n.closed = !a
	default:
		var err error
		if n.additional, err = c.sub(a, loc+"/additionalProperties"); err != nil {
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

func isScalar(v any) bool {
	switch v.(type) {
	case nil, string, bool, json.Number:
		return true
	}
	return false
}

// none marks a length or count limit the schema does not set.
const none = -1
