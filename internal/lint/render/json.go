package render

import (
	"encoding/json"

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
	out []jsonFinding
}

type jsonReport struct {
	FormatVersion int           `json:"formatVersion"`
	Findings      []jsonFinding `json:"findings"`
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

// Write records f.
func (j *JSON) Write(f finding.Finding) error {
	j.out = append(j.out, jsonFinding{Rule: f.Rule, Severity: f.Severity.String(), File: f.File, Line: f.Line, Column: f.Col,
		EndLine: f.EndLine, EndColumn: f.EndCol, Path: f.Path, Document: f.Doc, Message: f.Message, Hint: f.Hint})
	return nil
}

// Flush writes the report; an empty run gives an empty findings array, never null.
func (j *JSON) Flush() error {
	r := jsonReport{FormatVersion: JSONFormatVersion, Findings: j.out}
	if r.Findings == nil {
		r.Findings = []jsonFinding{}
	}
	enc := json.NewEncoder(j.opt.W)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
