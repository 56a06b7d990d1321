package lint

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"reflect"
	"runtime"
	"slices"
	"sync"

	"github.com/sagectl/sagectl/internal/fanout"
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// FileResult is one linted file, as Stream emits it.
type FileResult struct {
	// File is the file read.
	File *manifest.File
	// Docs are its manifest documents.
	Docs []*manifest.Document
	// Findings are its findings (the loader's and the rules'), configured and sorted.
	Findings []finding.Finding
}

// Summary is what a streamed run knows only at its end.
type Summary struct {
	// Files counts the files judged (emitted).
	Files int
	// Skipped lists the files and documents directory walks found that are not
	// manifests, in input order (manifest.Set.Skipped).
	Skipped []manifest.Skipped
	// NoManifest lists the paths that gave no file to judge (manifest.Set.NoManifest).
	NoManifest []string
}

// SkippedFiles returns the number of whole files skipped.
func (s *Summary) SkippedFiles() int {
	return (&manifest.Set{Skipped: s.Skipped}).SkippedFiles()
}

// Stream is sagectl lint at any scale: it checks the files under in.Paths as Run does
// and calls emit once per judged file, in input order, as soon as that file and the
// ones before it are done. Memory does not grow with the corpus: a cheap first pass
// indexes the names the files define (manifest.NamesInData, no parse of plain YAML),
// then the files are parsed and checked on one worker per CPU with a bounded window
// of finished files waiting for their turn, and nothing of a file is kept once
// emitted. A rule that needs another file's document (a Model's features, an
// Endpoint's config) finds it among the files parsed last or has that file parsed
// again (docs/benchmarks.md). An error from emit stops the run and is returned; the
// other error is for a path that cannot be read at all.
func Stream(in Input, opt Options, emit func(*FileResult) error) (*Summary, error) {
	srcs, judged, err := manifest.Sources(in.Paths, manifest.Options{Stdin: in.Stdin, Skip: in.Skip, OnlyManifests: in.OnlyManifests})
	if err != nil {
		return nil, err
	}
	if in.RequireManifests {
		empty := slices.Clone(judged)
		for _, src := range srcs {
			empty[src.Arg] = true
		}
		if none := manifest.NoManifest(in.Paths, empty); len(none) > 0 {
			return &Summary{NoManifest: none}, nil
		}
	}
	s := &streamRun{paths: in.Paths, srcs: srcs, opt: opt, rules: opt.rules(), settle: newSettle(opt)}
	if err := s.readStdin(in.Stdin); err != nil {
		return nil, err
	}
	s.index()
	if in.Indexed != nil {
		in.Indexed(s.kept())
	}
	sum := &Summary{}
	err = ordered(len(srcs), runtime.GOMAXPROCS(0), s.lintFile, func(r fileOut) error {
		if r.err != nil {
			return r.err
		}
		sum.Skipped = append(sum.Skipped, r.skipped...)
		if r.res == nil {
			return nil
		}
		sum.Files++
		judged[s.srcs[r.i].Arg] = true
		return emit(r.res)
	})
	if err != nil {
		return nil, err
	}
	sum.NoManifest = manifest.NoManifest(in.Paths, judged)
	return sum, nil
}

// streamRun is one Stream call.
type streamRun struct {
	paths   []string // the paths given
	srcs    []manifest.Source
	opt     Options
	rules   []Rule
	settle  *settle
	stdin   []byte // standard input, read once: both passes need it
	names   *nameIndex
	indexed int32 // files indexed so far, in order
	recent  recentFiles
}

// readStdin reads standard input when a path is "-", bounded as files are.
func (s *streamRun) readStdin(r io.Reader) error {
	for _, src := range s.srcs {
		if src.Path != "-" {
			continue
		}
		if r == nil {
			r = os.Stdin
		}
		data, err := io.ReadAll(io.LimitReader(r, manifest.MaxFileSize+1))
		if err != nil {
			return fmt.Errorf("cannot read standard input: %w", err)
		}
		s.stdin = data
		return nil
	}
	return nil
}

// load reads and parses source i.
func (s *streamRun) load(i int) manifest.Loaded {
	if s.srcs[i].Path == "-" {
		return s.srcs[i].Load(s.paths, bytes.NewReader(s.stdin))
	}
	return s.srcs[i].Load(s.paths, nil)
}

// index is the first pass: the names every file defines, added in input order (the
// first file defining a name keeps it) as the files are scanned, on every CPU.
func (s *streamRun) index() {
	s.names = newNameIndex(s.docsOf, s.namesOf)
	_ = ordered(len(s.srcs), runtime.GOMAXPROCS(0), func(i int) []manifest.NamedIn {
		return s.namesOf(int32(i))
	}, func(ns []manifest.NamedIn) error {
		for _, n := range ns {
			s.names.add(n.Kind, n.Name, s.indexed)
		}
		s.indexed++
		return nil
	})
	s.names.seal()
}

// kept is the bytes of what the run keeps to its end whatever the files: the name index
// and the list of files with their paths.
func (s *streamRun) kept() int {
	n := s.names.size() + cap(s.srcs)*int(reflect.TypeFor[manifest.Source]().Size())
	for _, src := range s.srcs {
		n += len(src.Path)
	}
	return n
}

// namesOf returns the names file i defines.
func (s *streamRun) namesOf(i int32) []manifest.NamedIn {
	if s.srcs[i].Path == "-" {
		return manifest.NamesInData("-", s.stdin)
	}
	return manifest.NamesInFile(s.srcs[i].Path)
}

// docsOf returns the documents of file i, for a rule that needs another file's
// document: from the files parsed last, else parsed again.
func (s *streamRun) docsOf(i int32) []*manifest.Document {
	if docs, ok := s.recent.get(i); ok {
		return docs
	}
	l := s.load(int(i))
	s.recent.put(i, l.Docs, l.File)
	return l.Docs
}

// fileOut is what lintFile gives the ordered emitter.
type fileOut struct {
	i       int
	res     *FileResult // nil when the file was skipped as no manifest
	skipped []manifest.Skipped
	err     error
}

// lintFile is the second pass over file i: parse, check, settle.
func (s *streamRun) lintFile(i int) fileOut {
	l := s.load(i)
	if l.Err != nil || l.File == nil {
		return fileOut{i: i, skipped: l.Skipped, err: l.Err}
	}
	s.recent.put(int32(i), l.Docs, l.File)
	per := make([][]finding.Finding, len(l.Docs))
	fanout.Each(len(l.Docs), minParallel, func(j int) {
		per[j] = check(&Pass{Doc: l.Docs[j], Context: s.opt.Context, names: s.names, file: int32(i), fileDocs: l.Docs}, s.rules)
	})
	var out []finding.Finding
	for _, fs := range per {
		out = append(out, fs...)
	}
	out = s.settle.findings([]*manifest.File{l.File}, l.Docs, out, l.Findings)
	return fileOut{i: i, res: &FileResult{File: l.File, Docs: l.Docs, Findings: out}, skipped: l.Skipped}
}

// recentMax bounds the files recentFiles keeps, by count and by their bytes (a parsed
// file takes many times its size).
const (
	recentMax      = 16
	recentMaxBytes = 1 << 20
)

// recentFiles keeps the documents of the files parsed last, so a reference to a
// nearby file (an Endpoint next to its EndpointConfig) does not parse it again.
type recentFiles struct {
	mu    sync.Mutex
	order []int32
	docs  map[int32][]*manifest.Document
	size  map[int32]int
	bytes int
}

func (r *recentFiles) get(i int32) ([]*manifest.Document, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	docs, ok := r.docs[i]
	return docs, ok
}

func (r *recentFiles) put(i int32, docs []*manifest.Document, f *manifest.File) {
	size := 0
	if f != nil {
		size = len(f.Data)
	}
	if size > recentMaxBytes {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.docs == nil {
		r.docs, r.size = map[int32][]*manifest.Document{}, map[int32]int{}
	}
	if _, ok := r.docs[i]; ok {
		return
	}
	for len(r.order) > 0 && (len(r.order) >= recentMax || r.bytes+size > recentMaxBytes) {
		old := r.order[0]
		r.order = r.order[1:]
		r.bytes -= r.size[old]
		delete(r.docs, old)
		delete(r.size, old)
	}
	r.order = append(r.order, i)
	r.docs[i], r.size[i] = docs, size
	r.bytes += size
}
