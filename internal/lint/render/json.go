package render

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/sagectl/sagectl/internal/finding"
)

// JSONFormatVersion is the version of the json format's shape. It changes only when a
// field is removed or changes meaning; new fields may appear without a new version.
const JSONFormatVersion = 1

// JSON writes one object: {"formatVersion": 1, "findings": [...]}, each finding with
// rule, severity, file, line, column, endLine/endColumn when known, path (a JSON
// pointer into its document), document (0-based), message and hint when there is one.
type JSON struct {
	opt Options
	n   int // findings written
}

type jsonFinding struct {
	Rule      string `json:"rule"`
	Severity  string `json:"severity"`
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine,omitempty"`
	EndColumn int    `json:"endColumn,omitempty"`
	Path      string `json:"path"`
	Document  int    `json:"document"`
	Message   string `json:"message"`
	Hint      string `json:"hint,omitempty"`
}

// jsonHead is the report up to its first finding, as encoding/json indents it.
const jsonHead = "{\n  \"formatVersion\": %d,\n  \"findings\": ["

// Write writes f: the report streams, each finding written as it comes.
func (j *JSON) Write(f finding.Finding) error {
	b, err := json.MarshalIndent(jsonFinding{Rule: f.Rule, Severity: f.Severity.String(), File: f.File, Line: f.Line, Column: f.Col,
		EndLine: f.EndLine, EndColumn: f.EndCol, Path: f.Path, Document: f.Doc, Message: f.Message, Hint: f.Hint}, "    ", "  ")
	if err != nil {
		return err
	}
	sep := ",\n    "
	if j.n == 0 {
		sep = fmt.Sprintf(jsonHead, JSONFormatVersion) + "\n    "
	}
	j.n++
	if _, err := io.WriteString(j.opt.W, sep); err != nil {
		return err
	}
	_, err = j.opt.W.Write(b)
	return err
}

// Flush ends the report; an empty run gives an empty findings array, never null.
func (j *JSON) Flush() error {
	end := "\n  ]\n}\n"
	if j.n == 0 {
		end = fmt.Sprintf(jsonHead, JSONFormatVersion) + "]\n}\n"
	}
	_, err := io.WriteString(j.opt.W, end)
	return err
}
