package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// fullSchema is sagectl.schema.json as plain JSON values (numbers as json.Number),
// parsed the first time a document has an error: messages quote its descriptions,
// titles and limits, and look up where a misplaced field belongs.
var fullSchema = sync.OnceValues(func() (any, error) { return parseFull(schemaJSON) })

func parseFull(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var root map[string]any
	if err := dec.Decode(&root); err != nil {
		return nil, err
	}
	return root, nil
}

// explain rewrites each failed keyword in words.
func explain(kind string, value any, leaves []leaf, raw any) []Error {
	var out []Error
	for _, lf := range leaves {
		out = append(out, explainLeaf(kind, value, lf, raw)...)
	}
	return out
}

// leafCtx is what a message writer knows about one failed keyword.
type leafCtx struct {
	kind    string
	pointer string
	keyword string
	rule    any            // the failing keyword's value in the schema
	parent  map[string]any // the schema object holding the keyword
	value   any            // the offending instance value
	schema  any            // the whole schema, to look up the other kinds
}

func explainLeaf(kind string, value any, lf leaf, raw any) []Error {
	parent, _ := resolve(raw, lf.node.loc).(map[string]any)
	l := leafCtx{kind: kind, pointer: lf.pointer, keyword: lf.keyword, rule: parent[lf.keyword],
		parent: parent, value: resolve(value, lf.pointer), schema: raw}
	if strings.HasSuffix(lf.node.loc, "/propertyNames") {
		return []Error{l.propertyName()}
	}
	switch lf.keyword {
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
	case "minimum", "maximum":
		return []Error{l.outOfRange()}
	case "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties":
		return []Error{l.badSize()}
	case "pattern":
		if l.value == "" && l.parent["minLength"] != nil {
			return nil // "is empty; it needs at least 1 character" says it better
		}
		return []Error{l.noMatch()}
	}
	return []Error{{Pointer: l.pointer, Keyword: lf.keyword, Message: fmt.Sprintf("%s fails the schema's %s", l.field(), lf.keyword)}}
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
	return p + "/" + escapeToken(key)
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

// openKnown memoises openEnumKnown by schema map: the kinds' schemas are parsed once
// per process and never change, and listing the ~400 instance types for every finding
// about one was the largest allocation of a lint run with such findings.
var openKnown sync.Map // map pointer -> []string

// openEnumKnown is openEnumParts' known values of a parsed schema's open enum; callers
// must not modify the slice.
func openEnumKnown(m map[string]any) []string {
	key := reflect.ValueOf(m).Pointer()
	if v, ok := openKnown.Load(key); ok {
		return v.([]string)
	}
	known, _ := openEnumParts(m)
	openKnown.Store(key, known)
	return known
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
