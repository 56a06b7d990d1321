package render

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
)

// JUnit writes JUnit XML as Jenkins and GitLab read it: one testsuite per file, one
// testcase per document; a document with findings at or above FailOn has a failure
// listing each with its position, lower ones go to the testcase's system-out.
type JUnit struct {
	opt Options
	fs  []finding.Finding
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
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

// Flush writes the XML document.
func (j *JUnit) Flush() error {
	out := junitSuites{Name: "sagectl lint"}
	for _, path := range j.files() {
		s := j.suite(path)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Suites = append(out.Suites, s)
	}
	if _, err := io.WriteString(j.opt.W, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(j.opt.W)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(j.opt.W, "\n")
	return err
}

// files lists the linted files in order, then any other file a finding names.
func (j *JUnit) files() []string {
	seen := map[string]bool{}
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

// suite builds one file's testsuite: a testcase per document index that has a
// document or a finding.
func (j *JUnit) suite(path string) junitSuite {
	name := j.opt.rel(path)
	cases := map[int]*junitCase{}
	get := func(i int) *junitCase {
		if c, ok := cases[i]; ok {
			return c
		}
		c := &junitCase{Name: fmt.Sprintf("document %d", i+1), Classname: name, File: name}
		cases[i] = c
		return c
	}
	for _, d := range j.opt.Docs {
		if d.File != nil && d.File.Path == path {
			c := get(d.Index)
			c.Name = strings.TrimSpace(fmt.Sprintf("%s %s", d.Kind, d.Name())) + fmt.Sprintf(" (document %d)", d.Index+1)
			c.Line = d.Body.Line
		}
	}
	failing := map[int][]string{}
	for _, f := range j.fs {
		if f.File != path {
			continue
		}
		c := get(f.Doc)
		line := fmt.Sprintf("%s:%d:%d: %s: %s [%s]", name, f.Line, f.Col, f.Severity, f.Message, f.Rule)
		if f.Hint != "" {
			line += "\n  hint: " + f.Hint
		}
		if !j.opt.fails(f) {
			c.SystemOut += line + "\n"
			continue
		}
		if c.Failure == nil {
			c.Failure = &junitFailure{Message: fmt.Sprintf("%s:%d:%d: %s", name, f.Line, f.Col, f.Message), Type: f.Rule}
		}
		failing[f.Doc] = append(failing[f.Doc], line)
	}
	s := junitSuite{Name: name}
	idx := make([]int, 0, len(cases))
	for i := range cases {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	for _, i := range idx {
		c := cases[i]
		if c.Failure != nil {
			c.Failure.Text = strings.Join(failing[i], "\n") + "\n"
			if n := len(failing[i]); n > 1 {
				c.Failure.Message += fmt.Sprintf(" (and %d more)", n-1)
			}
			s.Failures++
		}
		s.Cases = append(s.Cases, *c)
	}
	s.Tests = len(s.Cases)
	return s
}
