package manifest

import (
	"iter"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Pairs yields the key and value nodes of mapping m, including keys brought in by
// YAML merge keys (<<) that m does not override. It yields nothing for a non-mapping.
func Pairs(m *yaml.Node) iter.Seq2[*yaml.Node, *yaml.Node] {
	return func(yield func(k, v *yaml.Node) bool) {
		walkPairs(m, map[string]bool{}, 0, yield)
	}
}

func walkPairs(m *yaml.Node, seen map[string]bool, depth int, yield func(k, v *yaml.Node) bool) bool {
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode || depth > maxMergeDepth {
		return true
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], deref(m.Content[i+1])
		if isMerge(k) {
			merges = append(merges, v)
			continue
		}
		if seen[k.Value] {
			continue
		}
		seen[k.Value] = true
		if !yield(k, v) {
			return false
		}
	}
	for _, v := range merges {
		if v.Kind == yaml.SequenceNode {
			for _, e := range v.Content {
				if !walkPairs(e, seen, depth+1, yield) {
					return false
				}
			}
			continue
		}
		if !walkPairs(v, seen, depth+1, yield) {
			return false
		}
	}
	return true
}

const maxMergeDepth = 32

func isMerge(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && (k.Tag == "!!merge" || k.Tag == "")
}

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < maxMergeDepth; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		return n.Content[0]
	}
	return n
}

// Deref follows aliases and unwraps a document node: the node n stands for.
func Deref(n *yaml.Node) *yaml.Node { return deref(n) }

// Mapping returns n, or the node n is an alias of, when that is a mapping; else nil.
func Mapping(n *yaml.Node) *yaml.Node {
	if n = deref(n); n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	return n
}

// Lookup returns the key and value nodes for key in mapping m, or nils.
func Lookup(m *yaml.Node, key string) (k, v *yaml.Node) {
	for kk, vv := range Pairs(m) {
		if kk.Value == key {
			return kk, vv
		}
	}
	return nil, nil
}

// Get returns the value node for key in mapping m, or nil.
func Get(m *yaml.Node, key string) *yaml.Node {
	_, v := Lookup(m, key)
	return v
}

// Items returns the elements of sequence s (nil for anything else).
func Items(s *yaml.Node) []*yaml.Node {
	s = deref(s)
	if s == nil || s.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, len(s.Content))
	for i, e := range s.Content {
		out[i] = deref(e)
	}
	return out
}

// IsNull reports whether n is absent or an explicit YAML null.
func IsNull(n *yaml.Node) bool {
	n = deref(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// Str returns the value of a string scalar.
func Str(n *yaml.Node) (string, bool) {
	n = deref(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		return "", false
	}
	return n.Value, true
}

// Int returns the value of an integer scalar (a float with no fraction counts too).
func Int(n *yaml.Node) (int64, bool) {
	n = deref(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return 0, false
	}
	switch n.Tag {
	case "!!int":
		v, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		return v, err == nil
	case "!!float":
		f, ok := Float(n)
		if ok && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return int64(f), true
		}
	}
	return 0, false
}

// Float returns the value of a numeric scalar.
func Float(n *yaml.Node) (float64, bool) {
	n = deref(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return 0, false
	}
	switch n.Tag {
	case "!!int":
		i, ok := Int(n)
		return float64(i), ok
	case "!!float":
		v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return 0, false
		}
		return v, true
	}
	return 0, false
}

// Bool returns the value of a boolean scalar.
func Bool(n *yaml.Node) (bool, bool) {
	n = deref(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		return false, false
	}
	v, err := strconv.ParseBool(strings.ToLower(n.Value))
	return v, err == nil
}

// At follows a JSON pointer (RFC 6901) from n and returns the deepest node reached and
// whether the whole pointer resolved. A pointer into a missing key stops at its parent,
// which is the right place to report a missing field.
func At(n *yaml.Node, pointer string) (*yaml.Node, bool) {
	n = deref(n)
	if pointer == "" || pointer == "/" {
		return n, true
	}
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			next = Get(n, tok)
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(n.Content) {
				next = deref(n.Content[i])
			}
		}
		if next == nil {
			return n, false
		}
		n = next
	}
	return n, true
}

// KeyAt is like At but, when the pointer ends in a mapping key, returns the key node
// instead of the value node: the place to report an unknown field.
func KeyAt(n *yaml.Node, pointer string) *yaml.Node {
	i := strings.LastIndex(pointer, "/")
	if i < 0 {
		return deref(n)
	}
	parent, ok := At(n, pointer[:i])
	if !ok || parent.Kind != yaml.MappingNode {
		v, _ := At(n, pointer)
		return v
	}
	tok := strings.ReplaceAll(strings.ReplaceAll(pointer[i+1:], "~1", "/"), "~0", "~")
	if k, _ := Lookup(parent, tok); k != nil {
		return k
	}
	return parent
}

// PointerTo returns the JSON pointer of target inside root, or "" when it is not found.
func PointerTo(root, target *yaml.Node) string {
	var path []string
	var find func(n *yaml.Node, depth int) bool
	find = func(n *yaml.Node, depth int) bool {
		n = deref(n)
		if n == nil || depth > maxDepth {
			return false
		}
		if n == target {
			return true
		}
		switch n.Kind {
		case yaml.MappingNode:
			for k, v := range Pairs(n) {
				path = append(path, escapeToken(k.Value))
				if k == target || find(v, depth+1) {
					return true
				}
				path = path[:len(path)-1]
			}
		case yaml.SequenceNode:
			for i, e := range n.Content {
				path = append(path, strconv.Itoa(i))
				if find(e, depth+1) {
					return true
				}
				path = path[:len(path)-1]
			}
		}
		return false
	}
	if !find(root, 0) || len(path) == 0 {
		return ""
	}
	return "/" + strings.Join(path, "/")
}

func escapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
