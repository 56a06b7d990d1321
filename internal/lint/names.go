package lint

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"reflect"
	"slices"
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
// case-folded (only the names whose folded form differs; the others are exact), so
// cross-document rules cost one lookup. It is compact whatever the corpus: a name is
// its kind and a 60-bit hash in a sorted table, 12 bytes, and no document is kept. A rule that
// needs the document defining a name has it from that file (docs), which confirms the
// name; a streamed run finds the file among the files it parsed last or parses it
// again. The sorted names (for did-you-mean) are read again from the files defining
// the kind, the first time a reference fails to resolve.
type nameIndex struct {
	exact, folded nameTable
	docs          func(file int32) []*manifest.Document
	names         func(file int32) []manifest.NamedIn
	seed          maphash.Seed

	sortMu sync.Mutex
	sorted map[manifest.Kind][]string // built per kind on first use
}

// nameEntry is one name of a nameTable, 12 bytes: its key (kind and hash, nameKeyOf) in two
// halves and the first file defining it.
type nameEntry struct {
	hi, lo uint32
	file   int32
}

// nameKeyOf is the 64-bit key of a name of kind (1-15) and hash: the kind in the top 4 bits,
// then the hash's top 60. Keys sort by kind, then hash.
func nameKeyOf(kind uint8, hash uint64) (hi, lo uint32) {
	k := uint64(kind)<<60 | hash>>4
	return uint32(k >> 32), uint32(k)
}

// kindOf is the kind of an entry's key.
func (e nameEntry) kindOf() uint8 { return uint8(e.hi >> 28) }

// compareKey orders entries by key.
func compareKey(a, b nameEntry) int { return cmp.Or(cmp.Compare(a.hi, b.hi), cmp.Compare(a.lo, b.lo)) }

// nameTable is a sorted table of names (by key, then file), one entry per name once
// sealed. Until then, names are appended in chunks of fixed size, so no grown copy of a
// large table is left behind for the collector.
type nameTable struct {
	chunks  [][]nameEntry // before seal
	entries []nameEntry   // after
}

// chunkLen is the number of entries in a chunk of an unsealed nameTable (48 KiB).
const chunkLen = 4096

// add appends e.
func (t *nameTable) add(e nameEntry) {
	if n := len(t.chunks); n == 0 || len(t.chunks[n-1]) == chunkLen {
		t.chunks = append(t.chunks, make([]nameEntry, 0, chunkLen))
	}
	last := &t.chunks[len(t.chunks)-1]
	*last = append(*last, e)
}

func newNameIndex(docs func(file int32) []*manifest.Document, names func(file int32) []manifest.NamedIn) *nameIndex {
	return &nameIndex{docs: docs, names: names, seed: maphash.MakeSeed()}
}

// kindIndex numbers the kinds for the table; 0 is no kind of Kinds.
func kindIndex(k manifest.Kind) uint8 {
	for i, x := range manifest.Kinds {
		if x == k {
			return uint8(i + 1)
		}
	}
	return 0
}

// add records that file defines name of kind k; seal then keeps the first file.
func (ix *nameIndex) add(k manifest.Kind, name string, file int32) {
	kind := kindIndex(k)
	if kind == 0 || name == "" {
		return
	}
	hi, lo := nameKeyOf(kind, maphash.String(ix.seed, name))
	ix.exact.add(nameEntry{hi, lo, file})
	if key := manifest.NameKey(name); key != name {
		hi, lo := nameKeyOf(kind, maphash.String(ix.seed, key))
		ix.folded.add(nameEntry{hi, lo, file})
	}
}

// seal sorts the tables and keeps the first file of each name. It is called once,
// after the last add.
func (ix *nameIndex) seal() {
	ix.exact.seal()
	ix.folded.seal()
}

// seal copies the chunks into one table of their size, sorts it and keeps the first
// file of each key.
func (t *nameTable) seal() {
	n := 0
	for _, c := range t.chunks {
		n += len(c)
	}
	e := make([]nameEntry, 0, n)
	for _, c := range t.chunks {
		e = append(e, c...)
	}
	t.chunks = nil
	slices.SortFunc(e, func(a, b nameEntry) int { return cmp.Or(compareKey(a, b), cmp.Compare(a.file, b.file)) })
	e = slices.CompactFunc(e, func(a, b nameEntry) bool { return compareKey(a, b) == 0 })
	if len(e) < cap(e)*7/8 { // many repeated names: drop the slack
		e = slices.Clone(e)
	}
	t.entries = e
}

// size is the bytes of the sealed tables.
func (ix *nameIndex) size() int {
	return (cap(ix.exact.entries) + cap(ix.folded.entries)) * int(reflect.TypeFor[nameEntry]().Size())
}

// lookup returns the first file defining the name of the given hash.
func (t *nameTable) lookup(kind uint8, hash uint64) (int32, bool) {
	hi, lo := nameKeyOf(kind, hash)
	i, ok := slices.BinarySearchFunc(t.entries, nameEntry{hi: hi, lo: lo}, compareKey)
	if !ok {
		return 0, false
	}
	return t.entries[i].file, true
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
	ix := newNameIndex(func(file int32) []*manifest.Document { return files[file] }, func(file int32) []manifest.NamedIn {
		var out []manifest.NamedIn
		for _, d := range files[file] {
			if _, name, ok := nameNode(d); ok {
				out = append(out, manifest.NamedIn{Kind: d.Kind, Name: name})
			}
		}
		return out
	})
	for _, d := range set.Docs {
		if _, name, ok := nameNode(d); ok {
			ix.add(d.Kind, name, byFile[d.File])
		}
	}
	ix.seal()
	return ix
}

// has reports whether the set defines a resource of kind k named exactly name. Two
// names share a 60-bit hash with a chance of about one in 10^8 in a corpus of 100,000
// names; a rule that reports on a match confirms the name in the document (exactOf).
func (ix *nameIndex) has(k manifest.Kind, name string) bool {
	if ix == nil {
		return false
	}
	_, ok := ix.exact.lookup(kindIndex(k), maphash.String(ix.seed, name))
	return ok
}

// exactOf returns the first document of kind k named exactly name.
func (ix *nameIndex) exactOf(p *Pass, k manifest.Kind, name string) (named, bool) {
	if ix == nil {
		return named{}, false
	}
	file, ok := ix.exact.lookup(kindIndex(k), maphash.String(ix.seed, name))
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
	kind, hash := kindIndex(k), maphash.String(ix.seed, key)
	file, ok := ix.exact.lookup(kind, hash)
	if other, found := ix.folded.lookup(kind, hash); found && (!ok || other < file) {
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

// sortedOf returns the names of kind k, sorted, read again from the files defining
// them the first time; callers must not modify the slice.
func (ix *nameIndex) sortedOf(k manifest.Kind) []string {
	if ix == nil {
		return nil
	}
	ix.sortMu.Lock()
	defer ix.sortMu.Unlock()
	if s, ok := ix.sorted[k]; ok {
		return s
	}
	kind := kindIndex(k)
	var files []int32
	for _, e := range ix.exact.entries {
		if e.kindOf() == kind {
			files = append(files, e.file)
		}
	}
	slices.Sort(files)
	var s []string
	for _, f := range slices.Compact(files) {
		for _, n := range ix.names(f) {
			if n.Kind == k {
				s = append(s, n.Name)
			}
		}
	}
	slices.Sort(s)
	s = slices.Compact(s)
	if ix.sorted == nil {
		ix.sorted = map[manifest.Kind][]string{}
	}
	ix.sorted[k] = s
	return s
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

// docsOf returns the documents of kind k being linted: the set's when it is in memory
// (Check), else, in a streamed run, the first document of each name of k that the index
// holds, read again from its file when it is no longer cached.
func (p *Pass) docsOf(k manifest.Kind) []*manifest.Document {
	if p.Set != nil {
		return p.Set.ByKind(k)
	}
	var out []*manifest.Document
	for _, name := range p.names.sortedOf(k) {
		if n, ok := p.names.exactOf(p, k, name); ok {
			out = append(out, n.Doc)
		}
	}
	return out
}
