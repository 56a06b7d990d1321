package schema

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// leaf is one failed keyword: the schema object holding it and the instance location
// of the value it rejects. An additionalProperties leaf stands for every unknown key
// of its mapping, and a required leaf for every missing field, as in JSON Schema's
// standard output; explain expands them.
type leaf struct {
	node    *node
	keyword string
	pointer string
}

// walker validates one value. Its path is the instance location being checked, turned
// into a JSON pointer only when a keyword fails, so a valid document allocates nothing.
type walker struct {
	leaves []leaf
	path   []step
	err    error // a broken schema (a pattern that does not compile, a value of no JSON type)
}

// step is one token of the instance location: a key, or an index when key is "".
type step struct {
	key   string
	index int
	isKey bool
}

var walkers = sync.Pool{New: func() any { return &walker{path: make([]step, 0, 16)} }}

// walk validates v against root and returns the failed keywords.
func walk(root *node, v any) ([]leaf, error) {
	w := walkers.Get().(*walker)
	w.check(root, v)
	leaves, err := w.leaves, w.err
	w.leaves, w.err, w.path = nil, nil, w.path[:0]
	walkers.Put(w)
	return leaves, err
}

// fail records that keyword of n rejects the value at the current path.
func (w *walker) fail(n *node, keyword string) {
	w.leaves = append(w.leaves, leaf{node: n, keyword: keyword, pointer: w.pointer()})
}

// pointer renders the current path as a JSON pointer.
func (w *walker) pointer() string {
	var b strings.Builder
	for _, s := range w.path {
		b.WriteByte('/')
		if s.isKey {
			b.WriteString(escapeToken(s.key))
		} else {
			b.WriteString(strconv.Itoa(s.index))
		}
	}
	return b.String()
}

// check applies every keyword of n to v in JSON Schema's order: a value of the wrong
// type fails only its type keyword.
func (w *walker) check(n *node, v any) {
	if n.typ != anyType && !hasType(n.typ, v) {
		if !isJSON(v) {
			w.err = fmt.Errorf("a value of Go type %T is not JSON", v)
			return
		}
		w.fail(n, "type")
		return
	}
	if n.consts != nil && !equal(v, n.consts[0]) {
		w.fail(n, "const")
	}
	if n.enum != nil && !n.inEnum(v) {
		w.fail(n, "enum")
	}
	switch x := v.(type) {
	case map[string]any:
		w.object(n, x)
	case []any:
		w.array(n, x)
	case string:
		w.str(n, x)
	case json.Number:
		w.number(n, x)
	}
	if n.ref != nil {
		target, err := n.ref.get()
		if err != nil {
			w.err = err
			return
		}
		w.check(target, v)
	}
	if n.anyOf != nil {
		w.any(n, v)
	}
	if n.open != nil {
		w.warnUnknown(n, v)
	}
}

func (n *node) inEnum(v any) bool {
	if n.enumSet != nil {
		if s, ok := v.(string); ok {
			return n.enumSet[s]
		}
	}
	for _, e := range n.enum {
		if equal(v, e) {
			return true
		}
	}
	return false
}

func (w *walker) object(n *node, obj map[string]any) {
	if n.minProperties != none && len(obj) < n.minProperties {
		w.fail(n, "minProperties")
	}
	if n.maxProperties != none && len(obj) > n.maxProperties {
		w.fail(n, "maxProperties")
	}
	for _, r := range n.required {
		if _, ok := obj[r]; !ok {
			w.fail(n, "required")
			break
		}
	}
	unknown := false
	if n.properties != nil || n.closed || n.additional != nil {
		for k, x := range obj {
			sub := n.properties[k]
			if sub == nil {
				unknown = true
				sub = n.additional
			}
			if sub != nil {
				w.path = append(w.path, step{key: k, isKey: true})
				w.check(sub, x)
				w.path = w.path[:len(w.path)-1]
			}
		}
	}
	if n.propertyNames != nil {
		for k := range obj {
			w.path = append(w.path, step{key: k, isKey: true})
			w.check(n.propertyNames, k)
			w.path = w.path[:len(w.path)-1]
		}
	}
	if unknown && n.closed {
		w.fail(n, "additionalProperties")
	}
}

func (w *walker) array(n *node, list []any) {
	if n.minItems != none && len(list) < n.minItems {
		w.fail(n, "minItems")
	}
	if n.maxItems != none && len(list) > n.maxItems {
		w.fail(n, "maxItems")
	}
	if n.items == nil {
		return
	}
	for i, x := range list {
		w.path = append(w.path, step{index: i})
		w.check(n.items, x)
		w.path = w.path[:len(w.path)-1]
	}
}

func (w *walker) str(n *node, s string) {
	if n.minLength != none || n.maxLength != none {
		length := utf8.RuneCountInString(s)
		if n.minLength != none && length < n.minLength {
			w.fail(n, "minLength")
		}
		if n.maxLength != none && length > n.maxLength {
			w.fail(n, "maxLength")
		}
	}
	if n.pattern != nil {
		ok, err := n.pattern.match(s)
		if err != nil {
			w.err = err
		} else if !ok {
			w.fail(n, "pattern")
		}
	}
}

// number checks the range; a json.Number that is not a number (YAML's !!int tag on
// text) has none to check.
func (w *walker) number(n *node, x json.Number) {
	if n.minimum != nil {
		if c, ok := n.minimum.cmp(x); ok && c < 0 {
			w.fail(n, "minimum")
		}
	}
	if n.maximum != nil {
		if c, ok := n.maximum.cmp(x); ok && c > 0 {
			w.fail(n, "maximum")
		}
	}
}

// any checks anyOf: when no branch accepts v, the failures of all branches are the
// leaves, except for an open enum, whose anyOf is one problem.
func (w *walker) any(n *node, v any) {
	mark := len(w.leaves)
	for _, b := range n.anyOf {
		before := len(w.leaves)
		w.check(b, v)
		if len(w.leaves) == before {
			w.leaves = w.leaves[:mark]
			return
		}
	}
	if n.open != nil {
		w.leaves = w.leaves[:mark]
		w.fail(n, "anyOf")
	}
}

// warnUnknown flags a well-formed value outside the known list; anyOf already rejects
// malformed values.
func (w *walker) warnUnknown(n *node, v any) {
	s, ok := v.(string)
	if !ok || n.open.known[s] {
		return
	}
	if ok, err := n.open.form.match(s); err != nil {
		w.err = err
	} else if ok {
		w.fail(n, KeywordWarnUnknown)
	}
}

// isJSON reports whether v is one of the plain JSON values Validate takes.
func isJSON(v any) bool {
	switch v.(type) {
	case map[string]any, []any, string, bool, nil, json.Number:
		return true
	}
	return false
}
