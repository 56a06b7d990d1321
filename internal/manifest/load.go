package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sagectl/sagectl/internal/fanout"
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/readfile"
	"gopkg.in/yaml.v3"
)

// MaxFileSize is the largest manifest file sagectl reads (bytes). Larger files are
// reported, not read, so memory stays bounded.
const MaxFileSize = 8 << 20

// maxDepth bounds nesting; SageMaker requests are at most about ten levels deep.
const maxDepth = 64

// Rule IDs of the findings the loader produces.
const (
	RuleSyntax   = "yaml-syntax"
	RuleDocument = "manifest-document"
	RuleKind     = "manifest-kind"
)

// Options tune Load.
type Options struct {
	// Stdin is read for the path "-".
	Stdin io.Reader
	// Skip reports whether a file found under the paths is excluded; nil keeps every file.
	Skip func(path string) bool
	// OnlyManifests judges the files named explicitly as a directory walk judges the
	// files it finds: those that are not SageMaker manifests are skipped (pre-commit
	// names every changed YAML and JSON file).
	OnlyManifests bool
}

// Load reads every manifest under paths. Files that cannot be parsed become findings;
// only a path that cannot be read at all is an error. Files are read and parsed on one
// worker per CPU; the result is in path order whatever the scheduling.
//
// A YAML or JSON file a directory walk finds is judged only when it is a manifest: a
// document that is neither of a sagectl kind nor a recognisable AWS CLI input file,
// CloudFormation template or ACK manifest (a docker-compose file, a workflow, a Helm
// chart, package.json) is not judged, and a file left with nothing to judge is not
// read into the set; Set.Skipped lists both. A file named explicitly is always judged
// (OnlyManifests treats it as walked). Set.NoManifest names the paths that gave nothing
// to judge, excluded files aside.
func Load(paths []string, opt Options) (*Set, []finding.Finding, error) {
	srcs, judged, err := Sources(paths, opt)
	if err != nil {
		return nil, nil, err
	}
	results := make([]Loaded, len(srcs))
	fanout.Each(len(srcs), 1, func(i int) { results[i] = srcs[i].Load(paths, opt.Stdin) })
	set := &Set{}
	var all []finding.Finding
	for i, r := range results {
		if r.Err != nil {
			return nil, nil, r.Err
		}
		set.Skipped = append(set.Skipped, r.Skipped...)
		if r.File == nil {
			continue
		}
		judged[srcs[i].Arg] = true
		set.Files = append(set.Files, r.File)
		set.Docs = append(set.Docs, r.Docs...)
		all = append(all, r.Findings...)
	}
	set.NoManifest = NoManifest(paths, judged)
	return set, all, nil
}

// Sources lists the files Load reads for paths, in order, the files opt.Skip excludes
// left out. judged[i] is true when a file under paths[i] was excluded: that path gave
// what was asked (NoManifest).
func Sources(paths []string, opt Options) (srcs []Source, judged []bool, err error) {
	srcs, err = expand(paths)
	if err != nil {
		return nil, nil, err
	}
	judged = make([]bool, len(paths))
	if opt.Skip != nil {
		srcs = slices.DeleteFunc(srcs, func(s Source) bool {
			if opt.Skip(s.Path) {
				judged[s.Arg] = true
				return true
			}
			return false
		})
	}
	for i := range srcs {
		srcs[i].walked = srcs[i].walked || (opt.OnlyManifests && srcs[i].Path != "-")
	}
	// A streamed lint keeps the list for the whole run: no slack of appending.
	return slices.Clone(srcs), judged, nil
}

// NoManifest returns the paths not judged (judged[i] false): those that gave no file
// to judge, in order.
func NoManifest(paths []string, judged []bool) []string {
	var out []string
	for i, p := range paths {
		if !judged[i] {
			out = append(out, p)
		}
	}
	return out
}

// Loaded is the outcome of reading and parsing one file.
type Loaded struct {
	// File is the file read; nil when it was skipped as no manifest.
	File *File
	// Docs are its manifest documents.
	Docs []*Document
	// Findings are what the loader could not read, at their positions.
	Findings []finding.Finding
	// Skipped lists the file or its documents a directory walk leaves out.
	Skipped []Skipped
	// Err is set when the file cannot be read at all.
	Err error
}

// Load reads and parses the file; stdin is read for the path "-". paths are the ones
// given to Sources: what is skipped names the one it came from.
func (src Source) Load(paths []string, stdin io.Reader) Loaded {
	data, err := readLimited(src.Path, stdin)
	return src.parse(paths[src.Arg], data, err)
}

func (src Source) parse(from string, data []byte, err error) Loaded {
	p := src.Path
	if errors.Is(err, readfile.ErrNotRegular) {
		return Loaded{File: NewFile(p, nil), Findings: []finding.Finding{{Rule: RuleDocument, Severity: finding.Error, File: p, Line: 1, Col: 1,
			Message: "file is " + strings.TrimPrefix(err.Error(), p+" is "),
			Hint:    "pass manifest files or folders; a pipe, device or socket is never read (use - for standard input)"}}}
	}
	if errors.Is(err, errFileTooLarge) {
		return Loaded{File: NewFile(p, nil), Findings: []finding.Finding{{Rule: RuleDocument, Severity: finding.Error, File: p, Line: 1, Col: 1,
			Message: fmt.Sprintf("file is larger than %d MiB; sagectl does not read it", MaxFileSize>>20),
			Hint:    "split the manifests into smaller files"}}}
	}
	if err != nil {
		return Loaded{Err: err}
	}
	f, docs, fs, skipped := parse(p, data, src.walked)
	for i := range skipped {
		skipped[i].From = from
	}
	if f == nil {
		return Loaded{Skipped: skipped}
	}
	return Loaded{File: f, Docs: docs, Findings: fs, Skipped: skipped}
}

// Expand turns paths into the list of manifest files: a directory is walked
// recursively (*.yaml, *.yml and *.json kept, sorted; hidden folders and hidden files
// such as .sagectl.yaml or .pre-commit-config.yaml skipped); a file named explicitly
// is kept whatever its name; "-" stands for standard input.
func Expand(paths []string) ([]string, error) {
	srcs, err := expand(paths)
	out := make([]string, len(srcs))
	for i, s := range srcs {
		out[i] = s.Path
	}
	return out, err
}

// Source is one file to read (Sources).
type Source struct {
	// Path is the file's path; "-" is standard input.
	Path string
	// Arg is the index of the path given to Sources it came from.
	Arg int
	// walked is true when a directory walk found the file (or OnlyManifests treats it
	// so): then what is not a manifest is skipped, not judged.
	walked bool
}

func expand(paths []string) ([]Source, error) {
	var out []Source
	for i, p := range paths {
		if p == "-" {
			out = append(out, Source{Path: p, Arg: i})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", p, errors.Unwrap(err))
		}
		if !st.IsDir() {
			out = append(out, Source{Path: p, Arg: i})
			continue
		}
		start := len(out)
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("cannot read %s: %w", path, errors.Unwrap(err))
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if IsManifestName(d.Name()) && !strings.HasPrefix(d.Name(), ".") {
				out = append(out, Source{Path: path, walked: true, Arg: i})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		// Sorted by path, not in walk order: "a.yaml" comes before "a/b.yaml".
		slices.SortFunc(out[start:], func(a, b Source) int { return strings.Compare(a.Path, b.Path) })
	}
	return out, nil
}

// IsManifestName reports whether a file name has a manifest extension.
func IsManifestName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

var errFileTooLarge = errors.New("file too large")

func readLimited(path string, stdin io.Reader) ([]byte, error) {
	var r io.Reader
	size := 0 // the file's size when known: read into one buffer of that size
	if path == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		r = stdin
	} else {
		f, err := readfile.Open(path)
		if errors.Is(err, readfile.ErrNotRegular) {
			return nil, err
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", path, errors.Unwrap(err))
		}
		defer f.Close()
		r = f
		if st, err := f.Stat(); err == nil && st.Size() <= MaxFileSize {
			size = int(st.Size())
		}
	}
	var buf bytes.Buffer
	buf.Grow(size + bytes.MinRead)
	_, err := buf.ReadFrom(io.LimitReader(r, MaxFileSize+1))
	data := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	if len(data) > MaxFileSize {
		return nil, errFileTooLarge
	}
	return data, nil
}

// Parse parses one file's bytes into documents. It never panics: whatever it cannot
// understand becomes a finding at the best position it knows.
func Parse(path string, data []byte) (f *File, docs []*Document, fs []finding.Finding) {
	f, docs, fs, _ = parse(path, data, false)
	return f, docs, fs
}

// parse is Parse; for a file a directory walk found (walked) it also leaves out the
// documents that are not manifests, and returns a nil File when nothing is left to
// judge. skipped lists what it left out.
func parse(path string, data []byte, walked bool) (f *File, docs []*Document, fs []finding.Finding, skipped []Skipped) {
	if walked {
		defer func() {
			if len(docs) == 0 && onlyEmptyWarnings(fs) {
				reason := "holds no SageMaker manifest"
				if len(skipped) == 1 {
					reason = skipped[0].Reason
				}
				f, fs, skipped = nil, nil, []Skipped{{Path: path, Doc: -1, Reason: reason}}
			}
		}()
	}
	f = NewFile(path, data)
	at := func(line, col int, rule, msg, hint string) finding.Finding {
		return finding.Finding{Rule: rule, Severity: finding.Error, File: path, Line: line, Col: col, Message: msg, Hint: hint}
	}
	if enc := utf16Name(data); enc != "" {
		return f, nil, []finding.Finding{at(1, 1, RuleDocument, "file is "+enc+" text: manifests must be UTF-8",
			"save the file as UTF-8 (for example: iconv -f "+enc+" -t UTF-8)")}, nil
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		l, c := f.Position(i)
		return f, nil, []finding.Finding{at(l, c, RuleDocument, "file contains a NUL byte: it looks like binary data, not YAML or JSON", "lint only manifest files")}, nil
	}
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		l, c := f.Position(i)
		return f, nil, []finding.Finding{at(l, c, RuleDocument, fmt.Sprintf("invalid UTF-8 byte 0x%02x: manifests must be UTF-8 text", data[i]), "save the file as UTF-8")}, nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		w := at(1, 1, RuleDocument, "file is empty: it holds no manifest", "add a Model, EndpointConfig or Endpoint document, or delete the file")
		w.Severity = finding.Warning
		if walked {
			return nil, nil, nil, []Skipped{{Path: path, Doc: -1, Reason: "is empty"}}
		}
		return f, nil, []finding.Finding{w}, nil
	}
	if isJSON(path, data) { // json.go: strict, as the AWS CLI reads it
		if jf := checkJSON(f, data); jf != nil {
			if walked && !mentionsManifest(data) {
				return nil, nil, nil, []Skipped{{Path: path, Doc: -1, Reason: "is not valid JSON and mentions no SageMaker kind or request field"}}
			}
			return f, nil, []finding.Finding{*jf}, nil
		}
	}
	defer func() {
		if r := recover(); r != nil {
			fs = append(fs, at(1, 1, RuleSyntax, fmt.Sprintf("the YAML parser failed on this file: %v", r), "check the file is valid YAML"))
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for index := 0; ; index++ {
		var root yaml.Node
		err := dec.Decode(&root)
		if err == io.EOF {
			break
		}
		if err != nil {
			if walked && len(docs) == 0 && !mentionsManifest(data) {
				skipped = append(skipped, Skipped{Path: path, Doc: -1, Reason: "is not valid YAML and mentions no SageMaker kind or request field"})
				fs = nil
				break
			}
			sf := syntaxFinding(f, err)
			if strings.Contains(sf.Message, "did not find expected") {
				if l := mistakeLine(f, sf.Line); l > sf.Line { // yaml.v3 names where the block began
					src := f.Line(l)
					sf.Line, sf.Col = l, len(src)-len(strings.TrimLeft(src, " \t"))+1
					sf.Hint = "check the indentation of this line against the lines above"
				}
			}
			if hasLaterDocument(f, sf.Line) {
				sf.Message += "; the documents after it were not checked"
			}
			sf.Doc = index
			fs = append(fs, sf)
			break
		}
		if index > 0 && isEmptyDocument(&root) && !hasLaterDocument(f, root.Line+1) {
			break // a trailing "---" at the end of a file is harmless
		}
		if walked {
			if why := foreignReason(&root); why != "" {
				skipped = append(skipped, Skipped{Path: path, Doc: index, Reason: why})
				continue
			}
		}
		ds, dfs := newDocuments(f, index, &root) // native, CloudFormation or ACK: dialect_common.go
		fs = append(fs, dfs...)
		docs = append(docs, ds...)
	}
	return f, docs, fs, skipped
}

// onlyEmptyWarnings reports whether fs holds nothing but warnings about empty documents.
func onlyEmptyWarnings(fs []finding.Finding) bool {
	for _, f := range fs {
		if f.Rule != RuleDocument || f.Severity != finding.Warning {
			return false
		}
	}
	return true
}

// manifestMention matches what a manifest that fails to parse would still show: a
// sagectl kind, a CloudFormation SageMaker type, the ACK API group, a request field.
var manifestMention = regexp.MustCompile(`kind:\s*["']?(Model|EndpointConfig|Endpoint)\b|AWS::SageMaker::|sagemaker\.services\.k8s\.aws|ProductionVariants|PrimaryContainer|EndpointConfigName|ModelName`)

// mentionsManifest reports whether data, which did not parse, looks meant as a manifest.
func mentionsManifest(data []byte) bool { return manifestMention.Match(data) }

// utf16Name returns "UTF-16LE" or "UTF-16BE" for text in UTF-16 (a byte order mark,
// or ASCII with every other byte NUL, as Windows tools write it), else "".
func utf16Name(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}):
		return "UTF-16LE"
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		return "UTF-16BE"
	case len(b) >= 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0:
		return "UTF-16LE"
	case len(b) >= 4 && b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0:
		return "UTF-16BE"
	}
	return ""
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

var lineRe = regexp.MustCompile(`line (\d+)(?:, column (\d+))?: (.*)`)

// syntaxFinding turns a yaml.v3 error into a finding with a position and plain words.
func syntaxFinding(f *File, err error) finding.Finding {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line, col := 1, 1
	if m := lineRe.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		if m[2] != "" {
			col, _ = strconv.Atoi(m[2])
		}
		msg = m[3]
		if isParserError(msg) {
			line++ // yaml.v3 prints parser (not scanner) error lines 0-based
		}
	}
	line = min(max(line, 1), f.Lines())
	src := f.Line(line)
	if m := lineRe.FindStringSubmatch(msg); m == nil && col == 1 {
		col = len(src) - len(strings.TrimLeft(src, " \t")) + 1
	}
	hint := "fix the YAML syntax at this line"
	if strings.Contains(msg, "tab character") || strings.Contains(msg, "cannot start any token") {
		if l, c, ok := findTab(f, line); ok {
			line, col = l, c
			msg = "tab character: YAML indentation must use spaces"
			hint = "replace the tab with spaces"
		}
	}
	return finding.Finding{Rule: RuleSyntax, Severity: finding.Error, File: f.Path, Line: line, Col: col,
		Message: "invalid YAML: " + msg, Hint: hint}
}

// mistakeLine finds the line where a YAML parser error becomes certain: the first line
// whose inclusion makes the file fail to parse, searched from from (yaml.v3's parser
// errors name the line where the enclosing block began, which can be far above the
// mis-indented line). It returns from when no later line is found.
func mistakeLine(f *File, from int) int {
	fails := func(lines int) bool {
		end := len(f.Data)
		if lines < len(f.lines) {
			end = f.lines[lines]
		}
		dec := yaml.NewDecoder(bytes.NewReader(f.Data[:end]))
		for {
			var n yaml.Node
			if err := dec.Decode(&n); err != nil {
				return err != io.EOF
			}
		}
	}
	lo, hi := from, len(f.lines) // the answer is in [lo, hi]; the whole file fails
	if fails(lo) {
		return from
	}
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// findTab finds the tab yaml.v3 complained about: its error names the line of the
// previous token, so look at that line and the next few for a tab in the indentation
// (or, failing that, anywhere outside quotes).
func findTab(f *File, line int) (int, int, bool) {
	for l := line; l <= line+3 && l <= len(f.lines); l++ {
		src := f.Line(l)
		indent := src[:len(src)-len(strings.TrimLeft(src, " \t"))]
		if i := strings.IndexByte(indent, '\t'); i >= 0 {
			return l, i + 1, true
		}
	}
	if i := strings.IndexByte(f.Line(line), '\t'); i >= 0 {
		return line, utf8.RuneCountInString(f.Line(line)[:i]) + 1, true
	}
	return 0, 0, false
}

// hasLaterDocument reports whether a document separator stands at or after line.
func hasLaterDocument(f *File, line int) bool {
	for l := max(line, 1); l <= len(f.lines); l++ {
		if strings.HasPrefix(f.Line(l), "---") {
			return true
		}
	}
	return false
}

func isEmptyDocument(root *yaml.Node) bool {
	return root.Kind == yaml.DocumentNode && (len(root.Content) == 0 || IsNull(root.Content[0]))
}

// isParserError tells yaml.v3's parser errors, whose line numbers are 0-based, from its
// scanner errors, whose line numbers are 1-based.
func isParserError(msg string) bool {
	return strings.HasPrefix(msg, "did not find expected") || strings.HasPrefix(msg, "found undefined tag handle") ||
		strings.HasPrefix(msg, "found duplicate") || strings.HasPrefix(msg, "found incompatible")
}
