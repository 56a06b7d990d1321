package lint

import (
	"fmt"
	"sort"
	"sync"
	"weak"

	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// nameNode returns the node holding a document's resource name, and the name.
func nameNode(d *manifest.Document) (*yaml.Node, string, bool) {
	n := manifest.Get(d.Body, d.Kind.NameField())
	s, ok := manifest.Str(n)
	return n, s, ok && s != ""
}

// named is the first document of the set that defines a name, with the node holding it.
type named struct {
	Doc  *manifest.Document
	Node *yaml.Node
	Name string
}

// nameIndex holds, per kind, the first document defining each name (exactly and
// case-folded) and the sorted names, so cross-document rules cost one pass over the set.
type nameIndex struct {
	exact  map[manifest.Kind]map[string]named
	folded map[manifest.Kind]map[string]named
	sorted map[manifest.Kind][]string
}

func buildNameIndex(set *manifest.Set) *nameIndex {
	ix := &nameIndex{exact: map[manifest.Kind]map[string]named{}, folded: map[manifest.Kind]map[string]named{}, sorted: map[manifest.Kind][]string{}}
	for _, k := range manifest.Kinds {
		ix.exact[k], ix.folded[k] = map[string]named{}, map[string]named{}
	}
	for _, d := range set.Docs {
		n, name, ok := nameNode(d)
		if !ok || ix.exact[d.Kind] == nil {
			continue
		}
		if _, dup := ix.exact[d.Kind][name]; !dup {
			ix.exact[d.Kind][name] = named{d, n, name}
			ix.sorted[d.Kind] = append(ix.sorted[d.Kind], name)
		}
		if _, dup := ix.folded[d.Kind][manifest.NameKey(name)]; !dup {
			ix.folded[d.Kind][manifest.NameKey(name)] = named{d, n, name}
		}
	}
	for _, names := range ix.sorted {
		sort.Strings(names)
	}
	return ix
}

// lastIndex caches the index of the set being linted: every document of a set asks for it.
var lastIndex struct {
	sync.Mutex
	set  weak.Pointer[manifest.Set]
	docs int
	ix   *nameIndex
}

// namesOf returns the name index of set (an empty one for a nil set), built once per set.
func namesOf(set *manifest.Set) *nameIndex {
	if set == nil {
		return buildNameIndex(&manifest.Set{})
	}
	lastIndex.Lock()
	defer lastIndex.Unlock()
	if lastIndex.set.Value() != set || lastIndex.docs != len(set.Docs) {
		lastIndex.set, lastIndex.docs, lastIndex.ix = weak.Make(set), len(set.Docs), buildNameIndex(set)
	}
	return lastIndex.ix
}

// where renders the position of a named document for a message about p.Doc:
// "line N" in the same file, else "FILE:N".
func where(p *Pass, first named) string {
	if first.Doc.File == p.Doc.File {
		return fmt.Sprintf("line %d", first.Node.Line)
	}
	return fmt.Sprintf("%s:%d", first.Doc.File.Path, first.Node.Line)
}
