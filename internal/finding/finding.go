// Package finding defines the one result type every sagectl checker produces:
// YAML loading, the JSON Schema, and the lint rules all report Findings, and every
// output format renders them.
package finding

import (
	"fmt"
	"sort"
	"strings"
)

// Severity ranks a finding. The zero value is Info.
type Severity int

// The severities, lowest first, so comparisons (s >= Warning) read naturally.
const (
	Info Severity = iota
	Warning
	Error
)

// String returns the lower-case name used in output and configuration.
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "info"
	}
}

// ParseSeverity reads "error", "warning" or "info" (case-insensitive).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info", "note":
		return Info, nil
	}
	return Info, fmt.Errorf("unknown severity %q: expected one of error, warning, info", s)
}

// Finding is one problem at one place in one file.
type Finding struct {
	// Rule is the stable kebab-case ID of the rule that produced the finding.
	Rule string `json:"rule"`
	// Severity says how bad it is.
	Severity Severity `json:"-"`
	// File is the path as the user gave it ("-" for standard input).
	File string `json:"file"`
	// Line and Col are 1-based; 0 means unknown (the whole file).
	Line int `json:"line"`
	Col  int `json:"column"`
	// EndLine and EndCol, when known, mark the end of the offending token (inclusive column).
	EndLine int `json:"endLine,omitempty"`
	EndCol  int `json:"endColumn,omitempty"`
	// Path is the JSON pointer of the offending value inside its document, if any.
	Path string `json:"path,omitempty"`
	// Doc is the 0-based index of the YAML document within the file.
	Doc int `json:"document"`
	// Message says what is wrong and what is allowed.
	Message string `json:"message"`
	// Hint, when set, says how to fix it.
	Hint string `json:"hint,omitempty"`
}

// String renders the finding the way the text format prints its first line.
func (f Finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", f.File, f.Line, f.Col, f.Severity, f.Message, f.Rule)
}

// Sort orders findings by file, line, column, rule and message so output is deterministic.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}
