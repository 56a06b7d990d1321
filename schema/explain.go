package schema

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// explain flattens a validation error into its leaf causes and rewrites each in words.
func (c *compiledSchema) explain(kind string, value any, err error) []Error {
	var ve *jsonschema.ValidationError
	if err == nil || !errors.As(err, &ve) {
		if err != nil {
			return []Error{{Keyword: "schema", Message: err.Error()}}
		}
		return nil
	}
	var out []Error
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 || c.isOpenEnum(e) {
			out = append(out, c.leaf(kind, value, e)...)
			return
		}
		for _, cause := range e.Causes {
			walk(cause)
		}
	}
	walk(ve)
	return out
}

// leafCtx is what a message writer knows about one leaf cause.
type leafCtx struct {
	kind    string
	pointer string
	keyword string
	rule    any            // the failing keyword's value in the schema
	parent  map[string]any // the schema object holding the keyword
	value   any            // the offending instance value
	e       *jsonschema.ValidationError
	schema  any // the whole schema, to look up the other kinds
}

func (c *compiledSchema) leaf(kind string, value any, e *jsonschema.ValidationError) []Error {
	loc := schemaPointer(e.AbsoluteKeywordLocation)
	keyword := lastToken(loc)
	parent, _ := resolve(c.raw, parentPointer(loc)).(map[string]any)
	l := leafCtx{kind: kind, pointer: instancePointer(e.InstanceLocation), keyword: keyword, rule: resolve(c.raw, loc),
		parent: parent, value: resolve(value, instancePointer(e.InstanceLocation)), e: e, schema: c.raw}
	if strings.Contains(loc, "/propertyNames/") {
		return []Error{l.propertyName()}
	}
	switch keyword {
	case "additionalProperties":
		return l.unknownFields()
	case "required":
		return l.missingFields()
	case "type":
		return []Error{l.wrongType()}
	case "enum", "const":
		return []Error{l.badEnum()}
	case "anyOf":
		return []Error{l.badOpenEnum()}
	case KeywordWarnUnknown:
		return []Error{l.unknownOpenValue()}
	case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
		return []Error{l.outOfRange()}
	case "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties":
		return []Error{l.badSize()}
	case "pattern":
		if l.value == "" && l.parent["minLength"] != nil {
			return nil // "is empty; it needs at least 1 character" says it better
		}
		return []Error{l.noMatch()}
	}
	return []Error{{Pointer: l.pointer, Keyword: keyword, Message: fmt.Sprintf("%s: %s", l.field(), e.Message)}}
}

// isOpenEnum reports whether e is the anyOf of an open enum (an instance type): its
// branch errors are one problem, not two.
func (c *compiledSchema) isOpenEnum(e *jsonschema.ValidationError) bool {
	loc := schemaPointer(e.AbsoluteKeywordLocation)
	if lastToken(loc) != "anyOf" {
		return false
	}
	parent, _ := resolve(c.raw, parentPointer(loc)).(map[string]any)
	_, ok := parent[KeywordWarnUnknown]
	return ok
}

// field names the offending value the way a user reads it: InstanceType, Tags[0].
func (l leafCtx) field() string {
	return fieldName(l.kind, l.pointer)
}

// fieldName is the last step of pointer: a key, or list[index] for an item.
func fieldName(kind, pointer string) string {
	toks := tokens(pointer)
	if len(toks) == 0 {
		return kind
	}
	last := toks[len(toks)-1]
	if _, err := strconv.Atoi(last); err == nil && len(toks) > 1 {
		return toks[len(toks)-2] + "[" + last + "]"
	}
	return last
}

// Place renders pointer as a path a user reads: ProductionVariants[0].ServerlessConfig;
// the document itself is called by its kind.
func Place(kind, pointer string) string {
	var b strings.Builder
	for _, t := range tokens(pointer) {
		if _, err := strconv.Atoi(t); err == nil && b.Len() > 0 {
			b.WriteString("[" + t + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(t)
	}
	if b.Len() == 0 {
		return kind
	}
	return b.String()
}

// instancePointer turns jsonschema's instance location, whose tokens it also
// URL-escapes ("A%20B"), into a plain JSON pointer.
func instancePointer(loc string) string {
	if !strings.Contains(loc, "%") {
		return loc
	}
	parts := strings.Split(loc, "/")
	for i, p := range parts {
		if u, err := url.PathUnescape(p); err == nil {
			parts[i] = u
		}
	}
	return strings.Join(parts, "/")
}

// schemaPointer returns the JSON pointer part of an absolute keyword location.
func schemaPointer(abs string) string {
	if i := strings.IndexByte(abs, '#'); i >= 0 {
		return abs[i+1:]
	}
	return ""
}

func lastToken(p string) string {
	t := tokens(p)
	if len(t) == 0 {
		return ""
	}
	return t[len(t)-1]
}

func parentPointer(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// tokens splits a JSON pointer into its unescaped reference tokens.
func tokens(p string) []string {
	if p == "" || p == "/" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, t := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return parts
}

// resolve follows pointer p through plain JSON values; nil when it leads nowhere.
func resolve(v any, p string) any {
	for _, t := range tokens(p) {
		switch x := v.(type) {
		case map[string]any:
			v = x[t]
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// childPointer appends key to pointer p, escaped.
func childPointer(p, key string) string {
	return p + "/" + strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
