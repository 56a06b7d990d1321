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

// nameIndex holds, per kind, the first file defining each name, exactly and
// case-folded (only the names whose folded form differs, the others are exact), so
// cross-document rules cost one lookup. It holds no documents: a rule that needs the
// document defining a name has it loaded from its file (docs), which a streamed run
// finds among the files it parsed last or parses again.
type nameIndex struct {
	exact  map[manifest.Kind]map[string]int32
	folded map[manifest.Kind]map[string]int32
	docs   func(file int32) []*manifest.Document

	sortOnce sync.Once
	sorted   map[manifest.Kind][]string
}

func newNameIndex(docs func(file int32) []*manifest.Document) *nameIndex {
	ix := &nameIndex{exact: map[manifest.Kind]map[string]int32{}, folded: map[manifest.Kind]map[string]int32{}, docs: docs}
	for _, k := range manifest.Kinds {
		ix.exact[k], ix.folded[k] = map[string]int32{}, map[string]int32{}
	}
	return ix
}

// add records that file defines name of kind k; the first file to define a name keeps it.
func (ix *nameIndex) add(k manifest.Kind, name string, file int32) {
	if ix.exact[k] == nil || name == "" {
		return
	}
	if _, dup := ix.exact[k][name]; !dup {
		ix.exact[k][name] = file
	}
	if key := manifest.NameKey(name); key != name {
		if _, dup := ix.folded[k][key]; !dup {
			ix.folded[k][key] = file
		}
	}
}

// buildNameIndex indexes the documents of an in-memory set.
func buildNameIndex(set *manifest.Set) *nameIndex {
	byFile := map[*manifest.File]int32{}
	var files [][]*manifest.Document
	for _, d := range set.Docs {
		i, ok := byFile[d.File]
		if !ok {
			i = int32(len(files))
			byFile[d.File] = i
			files = append(files, nil)
		}
		files[i] = append(files[i], d)
	}
	ix := newNameIndex(func(file int32) []*manifest.Document { return files[file] })
	for _, d := range set.Docs {
		if _, name, ok := nameNode(d); ok {
			ix.add(d.Kind, name, byFile[d.File])
		}
	}
	return ix
}

// has reports whether the set defines a resource of kind k named exactly name.
func (ix *nameIndex) has(k manifest.Kind, name string) bool {
	if ix == nil {
		return false
	}
	_, ok := ix.exact[k][name]
	return ok
}

// exactOf returns the first document of kind k named exactly name.
func (ix *nameIndex) exactOf(p *Pass, k manifest.Kind, name string) (named, bool) {
	if ix == nil {
		return named{}, false
	}
	file, ok := ix.exact[k][name]
	if !ok {
		return named{}, false
	}
	return ix.find(p, file, k, func(s string) bool { return s == name })
}

// foldedOf returns the first document of kind k whose name folds to key (NameKey).
func (ix *nameIndex) foldedOf(p *Pass, k manifest.Kind, key string) (named, bool) {
	if ix == nil {
		return named{}, false
	}
	file, ok := ix.exact[k][key]
	if other, found := ix.folded[k][key]; found && (!ok || other < file) {
		file, ok = other, true
	}
	if !ok {
		return named{}, false
	}
	return ix.find(p, file, k, func(s string) bool { return manifest.NameKey(s) == key })
}

// find returns the first document of kind k in file whose name matches. The file
// being checked is p's own: its documents are the ones the rules see.
func (ix *nameIndex) find(p *Pass, file int32, k manifest.Kind, match func(string) bool) (named, bool) {
	docs := p.fileDocs
	if file != p.file || docs == nil {
		docs = ix.docs(file)
	}
	for _, d := range docs {
		if n, name, ok := nameNode(d); ok && d.Kind == k && match(name) {
			return named{d, n, name}, true
		}
	}
	return named{}, false
}

// sortedOf returns the names of kind k, sorted; callers must not modify the slice.
func (ix *nameIndex) sortedOf(k manifest.Kind) []string {
	if ix == nil {
		return nil
	}
	ix.sortOnce.Do(func() {
		ix.sorted = map[manifest.Kind][]string{}
		for kind, names := range ix.exact {
			s := make([]string, 0, len(names))
			for n := range names {
				s = append(s, n)
			}
			sort.Strings(s)
			ix.sorted[kind] = s
		}
	})
	return ix.sorted[k]
}

// lastIndex caches the index of the set being linted: every document of a set asks for it.
var lastIndex struct {
	sync.Mutex
	set  weak.Pointer[manifest.Set]
	docs int
	ix   *nameIndex
}

// namesOf returns the name index of set (nil for a nil set), built once per set.
func namesOf(set *manifest.Set) *nameIndex {
	if set == nil {
		return nil
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
	if first.Doc.File.Path == p.Doc.File.Path {
		return fmt.Sprintf("line %d", first.Node.Line)
	}
	return fmt.Sprintf("%s:%d", first.Doc.File.Path, first.Node.Line)
}
