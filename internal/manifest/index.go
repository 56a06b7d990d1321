package manifest

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/sagectl/sagectl/internal/fanout"
	"github.com/sagectl/sagectl/internal/readfile"
	"gopkg.in/yaml.v3"
)

// Index is the resource names the manifests of a repository define, by kind: what a
// reference (a variant's ModelName, an Endpoint's EndpointConfigName) resolves against
// beyond the files being linted. It holds names only, no documents, so building it is
// a cheap pass over the repository: plain top-level YAML is scanned line by line, and
// only JSON, CloudFormation, ACK and unusual YAML are parsed. It is read-only once
// built and safe for concurrent use. IndexRepo builds it in the background, so the
// walk overlaps loading and checking the linted files; the first lookup waits for it.
type Index struct {
	// Root is the folder indexed.
	Root   string
	done   chan struct{}              // closed when names and sorted are complete
	names  map[Kind]map[string]string // name → the file defining it first
	sorted map[Kind][]string
}

// wait blocks until the index is built; a nil index is empty.
func (ix *Index) wait() bool {
	if ix == nil {
		return false
	}
	<-ix.done
	return true
}

// Has reports whether a manifest of the repository defines a resource of kind k
// named name.
func (ix *Index) Has(k Kind, name string) bool {
	if !ix.wait() {
		return false
	}
	_, ok := ix.names[k][name]
	return ok
}

// Where returns the file defining the resource of kind k named name, or "".
func (ix *Index) Where(k Kind, name string) string {
	if !ix.wait() {
		return ""
	}
	return ix.names[k][name]
}

// Names returns the names of kind k, sorted; callers must not modify the slice.
func (ix *Index) Names(k Kind) []string {
	if !ix.wait() {
		return nil
	}
	return ix.sorted[k]
}

// MaxIndexFiles bounds the YAML and JSON files IndexRepo reads, so a root that is no
// repository (a home folder) costs a bounded time; names beyond it are not known.
const MaxIndexFiles = 20_000

// IndexRepo indexes the manifests under root as a directory walk finds them (hidden
// folders and files skipped), leaving out the files skip reports (nil keeps all).
// Unreadable or unparsable files contribute nothing: the index is context, and the
// files being linted report their own problems. It returns at once and indexes in
// the background; skip must be safe to call from another goroutine.
func IndexRepo(root string, skip func(path string) bool) *Index {
	ix := &Index{Root: root, done: make(chan struct{}), names: map[Kind]map[string]string{}, sorted: map[Kind][]string{}}
	go func() {
		defer close(ix.done)
		ix.build(skip)
	}()
	return ix
}

func (ix *Index) build(skip func(path string) bool) {
	root := ix.Root
	var files []string
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if IsManifestName(d.Name()) && !strings.HasPrefix(d.Name(), ".") && d.Type().IsRegular() && (skip == nil || !skip(path)) {
			files = append(files, path)
			if len(files) >= MaxIndexFiles {
				return filepath.SkipAll
			}
		}
		return nil
	})
	sort.Strings(files)
	per := make([][]NamedIn, len(files))
	fanout.Each(len(files), 16, func(i int) { per[i] = namesIn(files[i]) })
	for _, k := range Kinds {
		ix.names[k] = map[string]string{}
	}
	for i, ns := range per {
		for _, n := range ns {
			if _, dup := ix.names[n.Kind][n.Name]; !dup {
				ix.names[n.Kind][n.Name] = files[i]
				ix.sorted[n.Kind] = append(ix.sorted[n.Kind], n.Name)
			}
		}
	}
	for _, names := range ix.sorted {
		sort.Strings(names)
	}
}

// NamedIn is a resource name a file defines.
type NamedIn struct {
	// Kind is the resource's kind.
	Kind Kind
	// Name is its name (the kind's NameField).
	Name string
}

// nameFields is what every file defining a resource name contains (ModelName,
// modelName, EndpointConfigName, endpointName, InferenceComponentName, and the ResourceId
// that names a scalable target and its policies, ...): a file without any is no manifest.
var nameFields = [][]byte{[]byte("odelName"), []byte("onfigName"), []byte("ndpointName"), []byte("omponentName"), []byte("esourceId")}

// indexBuf is the size of the buffers files are read into: most manifests fit, so
// reading one costs three system calls (open, read, close), and the index's time is
// mostly system calls. The buffers are reused; nothing keeps a file's bytes.
const indexBuf = 64 << 10

var indexBufs = sync.Pool{New: func() any { b := make([]byte, indexBuf); return &b }}

// NamesInFile returns the resource names the file at path defines (NamesInData); a
// file that cannot be read, is not a regular file or is too large defines none.
func NamesInFile(path string) []NamedIn { return namesInOpened(path, readfile.Open) }

// namesIn returns the resource names one file the walk found regular defines.
func namesIn(path string) []NamedIn { return namesInOpened(path, os.Open) }

// namesInOpened returns the resource names the file at path defines, opened with open.
func namesInOpened(path string, open func(string) (*os.File, error)) []NamedIn {
	f, err := open(path)
	if err != nil {
		return nil
	}
	bp := indexBufs.Get().(*[]byte)
	defer indexBufs.Put(bp)
	data := *bp
	n, err := f.Read(data)
	if err == nil && n == len(data) { // larger than the buffer: read the rest, bounded
		rest, rerr := io.ReadAll(io.LimitReader(f, MaxFileSize))
		data, err = append(slices.Clone(data), rest...), rerr
	} else {
		data, err = data[:n], nil
	}
	f.Close()
	if err != nil || len(data) > MaxFileSize {
		return nil
	}
	return NamesInData(path, data)
}

// NamesInData returns the resource names that data, the contents of the file at path,
// defines, in document order: plain native YAML is scanned line by line, anything else
// parsed. It is the cheap first pass of a streamed lint run (lint.Stream).
func NamesInData(path string, data []byte) []NamedIn {
	mentions := false
	for _, f := range nameFields {
		mentions = mentions || bytes.Contains(data, f)
	}
	if !mentions {
		return nil
	}
	if out, ok := scanNames(data); ok {
		return out
	}
	if jsonWithoutManifest(data) {
		return nil
	}
	_, docs, _ := Parse(path, data)
	var out []NamedIn
	for _, d := range docs {
		if n := d.Name(); n != "" {
			out = append(out, NamedIn{d.Kind, n})
		}
	}
	return out
}

// jsonWithoutManifest reports whether data is a JSON object that no manifest can be: no
// kind, no CloudFormation Resources and none of the kinds' name fields at its top level
// (a JSON Schema or a constraints table that mentions ModelName deep inside). Decoding
// only the top level with encoding/json costs a fraction of a full YAML parse.
func jsonWithoutManifest(data []byte) bool {
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return false
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return false // let the parser judge it
	}
	if _, ok := top["kind"]; ok {
		return false
	}
	if _, ok := top["Resources"]; ok {
		return false
	}
	for _, k := range Kinds {
		if _, ok := top[k.NameField()]; ok {
			return false
		}
	}
	return true
}

// isMarker reports whether line is the document marker m ("---" or "..."): m alone
// or followed by a space or tab ("---: x" is a key).
func isMarker(line []byte, m string) bool {
	return bytes.HasPrefix(line, []byte(m)) && (len(line) == len(m) || line[len(m)] == ' ' || line[len(m)] == '\t')
}

// scanNames reads the names of a file of plain native manifests without parsing it:
// per document (split at "---"), the top-level "key: value" lines. ok is false when the
// file is not that simple (JSON, flow style, anchors, tags, block scalars, a dialect),
// and then the caller parses it.
func scanNames(data []byte) (out []NamedIn, ok bool) {
	fields := map[string]string{}
	flush := func() bool {
		defer clear(fields)
		if _, cfn := fields["Resources"]; cfn || strings.HasPrefix(fields["apiVersion"], ackGroup) {
			return false // a dialect: parsed
		}
		k, kind := Kind(fields["kind"]), true
		if _, kind = fields["kind"]; !kind {
			k, _ = inferFrom(func(f string) bool { _, ok := fields[f]; return ok })
		}
		if n := fields[k.NameField()]; k.NameField() != "" && n != "" && n != "~" && n != "null" {
			out = append(out, NamedIn{k, n})
		}
		return true
	}
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimRight(line, "\r")
		if len(line) == 0 || line[0] == ' ' || line[0] == '#' || line[0] == '-' && !isMarker(line, "---") {
			continue
		}
		if isMarker(line, "---") || isMarker(line, "...") {
			if !flush() {
				return nil, false
			}
			continue
		}
		c := bytes.IndexByte(line, ':')
		if c > 0 && c+1 < len(line) && line[c+1] != ' ' && line[c+1] != '\t' {
			return nil, false // "a:b" is a scalar, or a key with a colon: the parser judges
		}
		if c <= 0 || line[0] == '{' || line[0] == '[' || line[0] == '"' || line[0] == '\'' || line[0] == '%' || line[0] == '\t' {
			return nil, false
		}
		key := string(line[:c])
		val := bytes.TrimSpace(line[c+1:])
		if i := bytes.Index(val, []byte(" #")); i >= 0 {
			val = bytes.TrimSpace(val[:i])
		}
		if len(val) > 0 {
			if bytes.Contains(val, []byte(": ")) || bytes.Contains(val, []byte(":\t")) || bytes.HasSuffix(val, []byte(":")) {
				return nil, false // a nested mapping or a mistake: the parser judges
			}
			switch val[0] {
			case '&', '*', '!', '|', '>', '{', '[', '@', '`', '%', '?', ',', '#':
				return nil, false
			case '"', '\'':
				if len(val) < 2 || val[len(val)-1] != val[0] || bytes.ContainsAny(val[1:len(val)-1], `"'\`) {
					return nil, false
				}
				val = val[1 : len(val)-1]
			default:
				if (&yaml.Node{Kind: yaml.ScalarNode, Value: string(val)}).ShortTag() != "!!str" {
					val = nil // a number, boolean or null names nothing, as Str judges it
				}
			}
		}
		if key == "<<" {
			return nil, false
		}
		if _, dup := fields[key]; dup {
			return nil, false // a repeated key: the parser decides what the document is
		}
		fields[key] = string(val)
	}
	if !flush() {
		return nil, false
	}
	return out, true
}
