package render

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// Text prints findings as `file:line:col: severity: message [rule]`, each followed by
// the source line and a caret under the column, and a hint line when there is one.
type Text struct {
	W     io.Writer
	Color bool
	// Source returns the file a finding points into, for the snippet; may be nil.
	Source func(path string) *manifest.File
}

const (
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	green  = "\x1b[32m"
	reset  = "\x1b[0m"
)

func (t *Text) paint(code, s string) string {
	if !t.Color {
		return s
	}
	return code + s + reset
}

// Flush does nothing: text is written as it comes.
func (t *Text) Flush() error { return nil }

// Write prints one finding.
func (t *Text) Write(f finding.Finding) error {
	sevColor := cyan
	switch f.Severity {
	case finding.Error:
		sevColor = red
	case finding.Warning:
		sevColor = yellow
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s %s\n",
		t.paint(bold, fmt.Sprintf("%s:%d:%d:", f.File, f.Line, f.Col)),
		t.paint(sevColor, f.Severity.String()+":"),
		f.Message,
		t.paint(dim, "["+f.Rule+"]"))
	if t.Source != nil && f.Line > 0 {
		if src := t.Source(f.File).Line(f.Line); src != "" && len(src) < 500 && printable(src) {
			width := 1
			if f.EndLine == f.Line && f.EndCol >= f.Col {
				width = f.EndCol - f.Col + 1
			}
			fmt.Fprintf(&b, "  %4d | %s\n", f.Line, expandTabs(src))
			fmt.Fprintf(&b, "       | %s%s\n", strings.Repeat(" ", caretOffset(src, f.Col)), t.paint(sevColor, "^"+strings.Repeat("~", max(width-1, 0))))
		}
	}
	if f.Hint != "" {
		fmt.Fprintf(&b, "       = %s %s\n", t.paint(green, "hint:"), f.Hint)
	}
	_, err := io.WriteString(t.W, b.String())
	return err
}

// caretOffset converts a 1-based rune column into the number of display cells before it.
func caretOffset(line string, col int) int {
	n := 0
	for i, r := range []rune(line) {
		if i >= col-1 {
			break
		}
		if r == '\t' {
			n += 4
		} else {
			n++
		}
	}
	return n
}

func expandTabs(s string) string { return strings.ReplaceAll(s, "\t", "    ") }

// Summary prints the closing count line ("3 errors, 1 warning in 2 files").
func Summary(w io.Writer, fs []finding.Finding, files int) {
	SummarySkipped(w, fs, files, 0)
}

// SummarySkipped is Summary that also counts the files a directory walk skipped as
// not manifests ("..., in 3 files (12 other YAML/JSON files skipped)").
func SummarySkipped(w io.Writer, fs []finding.Finding, files, skipped int) {
	var c Counts
	for _, f := range fs {
		c.Add(f)
	}
	c.Summary(w, files, skipped)
}

// Counts counts findings by severity, for the closing line of a streamed run.
type Counts struct{ Errors, Warnings, Infos int }

// Add counts f.
func (c *Counts) Add(f finding.Finding) {
	switch f.Severity {
	case finding.Error:
		c.Errors++
	case finding.Warning:
		c.Warnings++
	default:
		c.Infos++
	}
}

// Summary prints SummarySkipped's line for the counted findings.
func (c Counts) Summary(w io.Writer, files, skipped int) {
	e, wn, in := c.Errors, c.Warnings, c.Infos
	more := ""
	if skipped > 0 {
		more = fmt.Sprintf(" (%s skipped: not SageMaker manifests; --verbose lists them)", plural(skipped, "other YAML/JSON file"))
	}
	fmt.Fprintf(w, "%s, %s, %s in %s%s\n", plural(e, "error"), plural(wn, "warning"), plural(in, "info"), plural(files, "file"), more)
}

func plural(n int, word string) string {
	if n == 1 || word == "info" {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// printable reports whether a source line is safe to echo to a terminal: no control
// characters (other than tab) and valid UTF-8, so binary input cannot garble it.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r != '\t' && (unicode.IsControl(r) || r == utf8.RuneError) {
			return false
		}
	}
	return true
}
