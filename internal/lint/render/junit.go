package render

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// JUnit writes JUnit XML as Jenkins and GitLab read it: one testsuite per file, one
// testcase per document; a document with findings at or above FailOn has a failure
// listing each with its position, lower ones go to the testcase's system-out.
type JUnit struct {
	opt             Options
	fs              []finding.Finding // the findings of the files not yet done
	suites          spool             // the testsuites done, encoded
	done            map[string]bool
	buf             []byte // a suite being encoded, reused
	tests, failures int
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// Write records f.
func (j *JUnit) Write(f finding.Finding) error {
	j.fs = append(j.fs, f)
	return nil
}

// FileDone writes the testsuite of path, whose findings have all been written and
// whose documents are docs, to the spool: a streamed run keeps no file after it.
func (j *JUnit) FileDone(path string, docs []*manifest.Document) error {
	if j.done == nil {
		j.done = map[string]bool{}
	}
	j.done[path] = true
	err := j.writeSuite(path, docs)
	j.fs = slices.DeleteFunc(j.fs, func(f finding.Finding) bool { return f.File == path })
	return err
}

// suiteChunk is how much of a testsuite is encoded before it goes to the spool: a file
// of a million documents is written case by case, never held whole.
const suiteChunk = 64 << 10

// writeSuite encodes the testsuite of path (its documents among docs, its findings
// among those written) into the spool, indented as one testsuite of the document.
func (j *JUnit) writeSuite(path string, docs []*manifest.Document) error {
	name := j.opt.rel(path)
	cases := j.cases(path, docs)
	tests, failures := 0, 0
	cases(func(_ int, _ *manifest.Document, fs []int) {
		tests++
		if slices.ContainsFunc(fs, func(i int) bool { return j.opt.fails(j.fs[i]) }) {
			failures++
		}
	})
	j.tests += tests
	j.failures += failures
	j.buf = appendSuiteStart(append(j.buf[:0], '\n'), junitSuite{Name: name, Tests: tests, Failures: failures})
	var err error
	cases(func(i int, d *manifest.Document, fs []int) {
		j.buf = appendCase(j.buf, j.testcase(name, i, d, fs))
		if len(j.buf) >= suiteChunk && err == nil {
			_, err = j.suites.Write(j.buf)
			j.buf = j.buf[:0]
		}
	})
	j.buf = appendSuiteEnd(j.buf, tests > 0)
	if err == nil {
		_, err = j.suites.Write(j.buf)
	}
	return err
}

// appendSuiteStart appends the start tag of s as encoding/xml writes it as one testsuite
// of the document (Indent("  ", "  ")); appendCase and appendSuiteEnd follow, and
// TestJUnitSuiteAsEncodingXML checks the bytes.
func appendSuiteStart(b []byte, s junitSuite) []byte {
	b = append(b, `  <testsuite name="`...)
	b = appendXMLEscaped(b, s.Name)
	return fmt.Appendf(b, `" tests="%d" failures="%d" errors="%d" skipped="%d">`, s.Tests, s.Failures, s.Errors, s.Skipped)
}

// appendCase appends one testcase of a testsuite.
func appendCase(b []byte, c junitCase) []byte {
	b = append(b, "\n    <testcase name=\""...)
	b = appendXMLEscaped(b, c.Name)
	b = append(b, `" classname="`...)
	b = appendXMLEscaped(b, c.Classname)
	b = append(b, `" file="`...)
	b = appendXMLEscaped(b, c.File)
	b = append(b, '"')
	if c.Line != 0 {
		b = fmt.Appendf(b, ` line="%d"`, c.Line)
	}
	b = append(b, '>')
	if c.Failure == nil && c.SystemOut == "" {
		return append(b, "</testcase>"...)
	}
	if f := c.Failure; f != nil {
		b = append(b, "\n      <failure message=\""...)
		b = appendXMLEscaped(b, f.Message)
		b = append(b, `" type="`...)
		b = appendXMLEscaped(b, f.Type)
		b = append(b, `">`...)
		b = appendXMLEscaped(b, f.Text)
		b = append(b, "</failure>"...)
	}
	if c.SystemOut != "" {
		b = append(b, "\n      <system-out>"...)
		b = appendXMLEscaped(b, c.SystemOut)
		b = append(b, "</system-out>"...)
	}
	return append(b, "\n    </testcase>"...)
}

// appendSuiteEnd appends the end tag of a testsuite, with or without cases before it.
func appendSuiteEnd(b []byte, cases bool) []byte {
	if cases {
		b = append(b, "\n  "...)
	}
	return append(b, "</testsuite>"...)
}

// appendXMLEscaped appends s escaped as encoding/xml escapes attributes and text
// (TestAppendXMLEscapedAsEncodingXML). Runs of printable ASCII are copied whole and
// the markup characters replaced here; from the first other byte on, xml.EscapeText
// does it.
func appendXMLEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		start := i
		for i < len(s) && xmlPlain[s[i]] {
			i++
		}
		b = append(b, s[start:i]...)
		if i == len(s) {
			break
		}
		esc := xmlEscapes[s[i]]
		if esc == "" {
			w := bytes.NewBuffer(b)
			_ = xml.EscapeText(w, []byte(s[i:])) // a bytes.Buffer does not fail
			return w.Bytes()
		}
		b = append(b, esc...)
		i++
	}
	return b
}

// xmlEscapes are encoding/xml's escapes of the ASCII bytes it replaces.
var xmlEscapes = [256]string{'"': "&#34;", '\'': "&#39;", '&': "&amp;", '<': "&lt;", '>': "&gt;", '\t': "&#x9;", '\n': "&#xA;", '\r': "&#xD;"}

// xmlPlain marks the bytes encoding/xml copies as they are: printable ASCII (and
// DEL) but for the markup characters.
var xmlPlain = func() (t [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = xmlEscapes[c] == ""
	}
	return t
}()

// Flush writes the XML document: the files not done yet (Options.Files, then any
// other file a finding names) as testsuites after the spooled ones, then the totals.
func (j *JUnit) Flush() error {
	for _, path := range j.files() {
		if err := j.writeSuite(path, j.opt.Docs); err != nil {
			return err
		}
	}
	if _, err := fmt.Fprintf(j.opt.W, "%s<testsuites name=\"sagectl lint\" tests=\"%d\" failures=\"%d\">", xml.Header, j.tests, j.failures); err != nil {
		return err
	}
	end := "</testsuites>\n"
	if j.suites.n > 0 {
		end = "\n" + end
	}
	if err := j.suites.copyTo(j.opt.W); err != nil {
		return err
	}
	_, err := io.WriteString(j.opt.W, end)
	return err
}

// files lists the linted files not done in order, then any other file a finding names.
func (j *JUnit) files() []string {
	seen := maps.Clone(j.done)
	if seen == nil {
		seen = map[string]bool{}
	}
	var out []string
	for _, p := range j.opt.Files {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, f := range j.fs {
		if !seen[f.File] {
			seen[f.File] = true
			out = append(out, f.File)
		}
	}
	return out
}

// cases returns a walk of path's testcases in document order: one per document index
// that has a document (of docs) or a finding, given with the document (nil if none) and
// the positions in j.fs of its findings, in the order they were written.
func (j *JUnit) cases(path string, docs []*manifest.Document) func(yield func(index int, d *manifest.Document, fs []int)) {
	var own []*manifest.Document
	for _, d := range docs {
		if d.File != nil && d.File.Path == path {
			own = append(own, d)
		}
	}
	slices.SortStableFunc(own, func(a, b *manifest.Document) int { return cmp.Compare(a.Index, b.Index) })
	var fs []int
	for i, f := range j.fs {
		if f.File == path {
			fs = append(fs, i)
		}
	}
	slices.SortStableFunc(fs, func(a, b int) int { return cmp.Compare(j.fs[a].Doc, j.fs[b].Doc) })
	return func(yield func(int, *manifest.Document, []int)) {
		for d, f := 0, 0; d < len(own) || f < len(fs); {
			i := math.MaxInt
			if d < len(own) {
				i = own[d].Index
			}
			if f < len(fs) {
				i = min(i, j.fs[fs[f]].Doc)
			}
			var doc *manifest.Document
			for ; d < len(own) && own[d].Index == i; d++ {
				doc = own[d] // of the documents of one YAML document (a template's resources), the last names the case
			}
			from := f
			for f < len(fs) && j.fs[fs[f]].Doc == i {
				f++
			}
			yield(i, doc, fs[from:f])
		}
	}
}

// testcase is the testcase of document index i of the file named name: d (nil if the
// file has no document there) and the findings at positions fs of j.fs. Findings at or
// above FailOn make its failure, the others its system-out.
func (j *JUnit) testcase(name string, i int, d *manifest.Document, fs []int) junitCase {
	c := junitCase{Name: "document " + strconv.Itoa(i+1), Classname: name, File: name}
	if d != nil {
		c.Name = strings.TrimSpace(string(d.Kind)+" "+d.Name()) + " (document " + strconv.Itoa(i+1) + ")"
		c.Line = d.Body.Line
	}
	var failing []string
	for _, k := range fs {
		f := j.fs[k]
		at := name + ":" + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Col) + ": "
		line := at + f.Severity.String() + ": " + f.Message + " [" + f.Rule + "]"
		if f.Hint != "" {
			line += "\n  hint: " + f.Hint
		}
		if !j.opt.fails(f) {
			c.SystemOut += line + "\n"
			continue
		}
		if c.Failure == nil {
			c.Failure = &junitFailure{Message: at + f.Message, Type: f.Rule}
		}
		failing = append(failing, line)
	}
	if c.Failure != nil {
		c.Failure.Text = strings.Join(failing, "\n") + "\n"
		if n := len(failing); n > 1 {
			c.Failure.Message += fmt.Sprintf(" (and %d more)", n-1)
		}
	}
	return c
}
