// Package overlay resolves environments: it merges an environment's overlay folder of
// partial documents into the base manifests, producing a manifest.Set the linter and
// the planner consume as they consume the base, and maps every finding about a merged
// document back to the file and line that supplied the value (base or overlay), naming
// the environment (docs/environments.md).
package overlay

import (
	"fmt"
	"slices"

	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// PatchKey, set to PatchDelete in an item of a named list, removes the base item of that
// name, as Kubernetes strategic merge patches spell it
// (https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md).
const (
	PatchKey    = "$patch"
	PatchDelete = "delete"
)

// NameKeys are the fields that name the items of a list, in the order tried: a list
// whose items all carry one of them (ProductionVariants by VariantName, Tags by Key,
// Containers by ContainerHostname) merges item by item; any other list is replaced.
var NameKeys = []string{"VariantName", "Key", "ContainerHostname", "Name", "InferenceComponentName", "PolicyName"}

// maxDepth bounds the nesting merged; the loader bounds what it reads well below it.
const maxDepth = 128

// maxNodes bounds the nodes one merge copies: a manifest of 8 MiB holds far fewer.
const maxNodes = 1 << 20

// Problem is an overlay node that cannot be merged, with what to do about it.
type Problem struct {
	Node          *yaml.Node
	Message, Hint string
}

// merger merges overlay nodes into copies of base nodes. Every overlay node it copies
// gets its line moved by offset, so a finding at it can be told from one at a base node
// and mapped back to the overlay file (Lines).
type merger struct {
	offset   int
	problems []Problem
	copied   int // nodes copied so far, bounded by maxNodes
}

// Merge returns base with over merged into it; neither is modified. Mappings merge key
// by key, a null value removes the key; lists whose items are named (NameKeys) merge by
// name, an item with $patch: delete removes the base item of its name; anything else
// replaces the base value. Nodes from over have offset added to their line.
func Merge(base, over *yaml.Node, offset int) (*yaml.Node, []Problem) {
	m := &merger{offset: offset}
	out := m.merge(base, over, 0)
	return out, m.problems
}

func (m *merger) problem(n *yaml.Node, hint, format string, args ...any) {
	m.problems = append(m.problems, Problem{Node: n, Message: fmt.Sprintf(format, args...), Hint: hint})
}

func (m *merger) merge(base, over *yaml.Node, depth int) *yaml.Node {
	base, over = manifest.Deref(base), manifest.Deref(over)
	switch {
	case depth > maxDepth:
		m.problem(over, "flatten the overlay", "the overlay nests deeper than %d levels", maxDepth)
		return m.copyNode(base, 0, depth)
	case base == nil:
		return m.copyNode(over, m.offset, depth)
	case base.Kind == yaml.MappingNode && over.Kind == yaml.MappingNode:
		return m.mapping(base, over, depth)
	case base.Kind == yaml.SequenceNode && over.Kind == yaml.SequenceNode:
		if key := nameKey(base, over); key != "" {
			return m.named(base, over, key, depth)
		}
		if key := nameKey(base, &yaml.Node{}); key != "" {
			m.problem(over, "give every item its "+key+"; to replace the list, delete each base item ($patch: delete) and add the new ones",
				"the items of this list are matched to the base list's by %s, and an overlay item has none", key)
		}
	}
	return m.copyNode(over, m.offset, depth)
}

// mapping merges two mappings key by key, in base's order, new keys after.
func (m *merger) mapping(base, over *yaml.Node, depth int) *yaml.Node {
	out := shallow(base, 0)
	overKeys := map[string]*yaml.Node{}
	var order []*yaml.Node
	for k, v := range manifest.Pairs(over) {
		overKeys[k.Value] = v
		order = append(order, k)
	}
	seen := map[string]bool{}
	for k, v := range manifest.Pairs(base) {
		seen[k.Value] = true
		ov, ok := overKeys[k.Value]
		switch {
		case !ok:
			out.Content = append(out.Content, m.copyNode(k, 0, depth), m.copyNode(v, 0, depth+1))
		case manifest.IsNull(ov):
			// removed
		default:
			out.Content = append(out.Content, m.copyNode(k, 0, depth), m.merge(v, ov, depth+1))
		}
	}
	for _, k := range order {
		if v := overKeys[k.Value]; !seen[k.Value] && !manifest.IsNull(v) {
			out.Content = append(out.Content, m.copyNode(k, m.offset, depth), m.copyNode(v, m.offset, depth+1))
		}
	}
	return out
}

// named merges two lists whose items are named by key.
func (m *merger) named(base, over *yaml.Node, key string, depth int) *yaml.Node {
	out := shallow(base, 0)
	items := slices.Clone(base.Content)
	var added []*yaml.Node
	for _, it := range over.Content {
		it = manifest.Deref(it)
		name := itemName(it, key)
		i := slices.IndexFunc(items, func(b *yaml.Node) bool { return b != nil && itemName(manifest.Deref(b), key) == name })
		del := isDelete(it)
		switch {
		case del && i < 0:
			m.problem(it, "remove the item from the overlay, or fix its "+key, "the base list has no item with %s %q to delete", key, name)
		case del:
			items[i] = nil
		case i >= 0:
			items[i] = m.merge(items[i], withoutPatch(it), depth+1)
		default:
			added = append(added, m.copyNode(withoutPatch(it), m.offset, depth+1))
		}
	}
	for i, it := range items {
		if it == nil {
			continue
		}
		if it == base.Content[i] { // untouched: copy it
			it = m.copyNode(it, 0, depth+1)
		}
		out.Content = append(out.Content, it)
	}
	out.Content = append(out.Content, added...)
	return out
}

// nameKey is the first of NameKeys every item of both lists carries as a string, or "".
func nameKey(base, over *yaml.Node) string {
	items := append(slices.Clone(base.Content), over.Content...)
	if len(items) == 0 {
		return ""
	}
	for _, k := range NameKeys {
		if !slices.ContainsFunc(items, func(it *yaml.Node) bool { return itemName(manifest.Deref(it), k) == "" }) {
			return k
		}
	}
	return ""
}

// itemName is item's key as a string, or "".
func itemName(item *yaml.Node, key string) string {
	s, _ := manifest.Str(manifest.Get(item, key))
	return s
}

func isDelete(item *yaml.Node) bool {
	s, _ := manifest.Str(manifest.Get(item, PatchKey))
	return s == PatchDelete
}

// withoutPatch is item without its $patch key (a shallow copy when it has one).
func withoutPatch(item *yaml.Node) *yaml.Node {
	if manifest.Get(item, PatchKey) == nil {
		return item
	}
	out := shallow(item, 0)
	for k, v := range manifest.Pairs(item) {
		if k.Value != PatchKey {
			out.Content = append(out.Content, k, v)
		}
	}
	return out
}

// shallow is n without its content, its line moved by offset.
func shallow(n *yaml.Node, offset int) *yaml.Node {
	c := *n
	c.Content = nil
	if c.Line > 0 {
		c.Line += offset
	}
	return &c
}

// copyNode copies n deeply, aliases and merge keys resolved, lines moved by offset. It
// copies at most maxNodes nodes in all: aliases can make a small file expand
// exponentially ("billion laughs"), and past the budget the rest is left out with a
// problem.
func (m *merger) copyNode(n *yaml.Node, offset, depth int) *yaml.Node {
	n = manifest.Deref(n)
	if n == nil {
		return nil
	}
	out := shallow(n, offset)
	if m.copied++; m.copied == maxNodes {
		m.problem(n, "write the values out instead of repeating aliases", "the merged document expands to more than %d YAML nodes (aliases repeated within aliases?)", maxNodes)
	}
	if depth > maxDepth || m.copied >= maxNodes {
		return out
	}
	switch n.Kind {
	case yaml.MappingNode:
		for k, v := range manifest.Pairs(n) {
			out.Content = append(out.Content, m.copyNode(k, offset, depth+1), m.copyNode(v, offset, depth+1))
		}
	case yaml.SequenceNode:
		for _, it := range n.Content {
			out.Content = append(out.Content, m.copyNode(it, offset, depth+1))
		}
	}
	return out
}
