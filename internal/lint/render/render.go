// Package render renders lint findings in the output formats sagectl supports. Each format
// lives in its own file behind the Formatter interface; New picks one by name.
package render

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// Formatter renders one lint run. Write is called once per finding, in order (each
// file's findings together, sorted); Flush ends the output. Every format streams:
// what must come before a total known only at the end is spooled to a temporary file.
type Formatter interface {
	Write(f finding.Finding) error
	Flush() error
}

// FileDone is implemented by the formats that group findings by file (JUnit): a
// streamed run calls FileDone after the findings of each file, with its documents, so
// the format need not keep the file. Files never passed to FileDone are rendered from
// Options.Files and Options.Docs at Flush.
type FileDone interface {
	FileDone(path string, docs []*manifest.Document) error
}

// Options is what the formats may need besides the findings.
type Options struct {
	// W receives the output.
	W io.Writer
	// Color enables ANSI colour (text only).
	Color bool
	// Source returns the file a finding points into, or nil; used for snippets and fingerprints.
	Source func(path string) *manifest.File
	// Rel turns a path as the user gave it into a slash-separated path relative to the
	// repository root, for SARIF URIs and GitHub annotations; nil keeps paths as given.
	Rel func(path string) string
	// Root is the absolute repository root Rel is relative to; SARIF names it in
	// originalUriBaseIds. Empty leaves SARIF URIs without a base.
	Root string
	// Files are the paths linted, in order; Docs are their documents (for JUnit).
	Files []string
	Docs  []*manifest.Document
	// Rules documents every rule sagectl can report (for SARIF's tool.driver.rules). It
	// is called only by the formats that need it: documenting the rules lints their
	// examples, which a plain lint run should not pay for.
	Rules func() []RuleDoc
	// FailOn is the lowest severity that fails (JUnit reports lower ones as output, not failures).
	FailOn finding.Severity
	// Fails, when not nil, decides which findings fail instead of FailOn alone (lint.Fails:
	// informational findings never do).
	Fails func(finding.Finding) bool
	// Version is sagectl's version, for SARIF's tool.driver.
	Version string
	// StepSummary, when not nil, receives the GitHub job summary (github format).
	StepSummary io.Writer
}

func (o Options) fails(f finding.Finding) bool {
	if o.Fails != nil {
		return o.Fails(f)
	}
	return f.Severity >= o.FailOn
}

func (o Options) rel(path string) string {
	if o.Rel == nil {
		return path
	}
	return o.Rel(path)
}

var formats = map[string]func(Options) Formatter{
	"text":   func(o Options) Formatter { return &Text{W: o.W, Color: o.Color, Source: o.Source} },
	"json":   func(o Options) Formatter { return &JSON{opt: o} },
	"sarif":  func(o Options) Formatter { return &SARIF{opt: o} },
	"junit":  func(o Options) Formatter { return &JUnit{opt: o} },
	"github": func(o Options) Formatter { return &GitHub{opt: o} },
}

// Formats lists the valid format names, sorted.
func Formats() []string {
	out := make([]string, 0, len(formats))
	for n := range formats {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// New returns the formatter called name, or an error that lists the valid names.
func New(name string, o Options) (Formatter, error) {
	mk, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q: expected one of %s", name, strings.Join(Formats(), ", "))
	}
	return mk(o), nil
}
