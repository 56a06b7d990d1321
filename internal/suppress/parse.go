// Package suppress applies `# sagectl:ignore RULE[,RULE] reason` comments: it removes
// the findings they silence and reports ignore comments that are invalid, expired or
// silence nothing, so suppressions cannot rot unnoticed.
package suppress

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sagectl/sagectl/internal/manifest"
)

// Marker is the text that starts an ignore comment, after the '#'.
const Marker = "sagectl:ignore"

// dateLayout is the format of until=YYYY-MM-DD.
const dateLayout = "2006-01-02"

// Ignore is one parsed ignore comment.
type Ignore struct {
	// File is the path of the file holding the comment.
	File string
	// Line and Col locate the '#' that starts the comment (1-based).
	Line, Col int
	// Target is the line whose findings the comment silences: its own line for a
	// trailing comment, the next line that is not an ignore comment for a comment
	// on a line of its own.
	Target int
	// Rules are the rule IDs named, each with the column where it is written.
	Rules []Ref
	// Reason is the free text explaining why; required.
	Reason string
	// Until, when not zero, is the last day the ignore applies.
	Until time.Time
	// Problem, when set, says why the comment is malformed (it then silences nothing);
	// ProblemCol is where.
	Problem    string
	ProblemCol int
}

// Ref is one rule ID in an ignore comment.
type Ref struct {
	// ID is the rule ID as written.
	ID string
	// Col is the 1-based column of the ID.
	Col int
}

// Scan finds the ignore comments of one file. It never fails: malformed comments come
// back with Problem set.
func Scan(f *manifest.File) []Ignore {
	if f == nil || !bytes.Contains(f.Data, []byte(Marker)) {
		return nil
	}
	var out []Ignore
	own := map[int]bool{} // lines that hold nothing but an ignore comment
	last := 0
	for off := 0; ; {
		i := bytes.Index(f.Data[off:], []byte(Marker))
		if i < 0 {
			break
		}
		off += i + len(Marker)
		n, _ := f.Position(off - len(Marker)) // only the lines that hold the marker are read
		if n == last {
			continue
		}
		last = n
		line := f.Line(n)
		hash := commentStart(line)
		if hash < 0 {
			continue
		}
		ig, ok := parse(line[hash+1:], runeCol(line, hash)+1)
		if !ok {
			continue
		}
		ig.File, ig.Line, ig.Col = f.Path, n, runeCol(line, hash)
		ig.Target = n
		if strings.TrimSpace(line[:hash]) == "" {
			own[n] = true
			ig.Target = -1 // resolved below
		}
		out = append(out, ig)
	}
	for i := range out {
		if out[i].Target == -1 {
			t := out[i].Line + 1
			for own[t] {
				t++
			}
			out[i].Target = t
		}
	}
	return out
}

// commentStart returns the byte index of the '#' that starts an ignore comment on
// line, or -1. The '#' must begin the line or follow a blank, as YAML requires.
func commentStart(line string) int {
	for i := 0; i < len(line); i++ {
		if line[i] != '#' || (i > 0 && line[i-1] != ' ' && line[i-1] != '\t') {
			continue
		}
		if strings.HasPrefix(strings.TrimLeft(line[i+1:], " \t"), Marker) {
			return i
		}
	}
	return -1
}

// runeCol converts byte index i of line into a 1-based rune column.
func runeCol(line string, i int) int {
	return utf8.RuneCountInString(line[:i]) + 1
}

// parse reads the text after '#'; col is the column of its first character. It
// returns false when the text is not an ignore comment at all (sagectl:ignorex).
func parse(text string, col int) (Ignore, bool) {
	var ig Ignore
	trimmed := strings.TrimLeft(text, " \t")
	col += len(text) - len(trimmed)
	rest := strings.TrimPrefix(trimmed, Marker)
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return ig, false
	}
	col += len(Marker)
	markerCol := col - len(Marker)
	fields := splitFields(rest, col)
	if len(fields) == 0 {
		ig.Problem, ig.ProblemCol = "ignore comment names no rule: write # sagectl:ignore RULE reason", markerCol
		return ig, true
	}
	ig.Rules = splitRules(fields[0])
	var reason []string
	for _, fd := range fields[1:] {
		if v, ok := strings.CutPrefix(fd.text, "until="); ok {
			t, err := time.Parse(dateLayout, v)
			if err != nil {
				ig.Problem, ig.ProblemCol = "until="+v+" is not a date: write until=YYYY-MM-DD", fd.col
				return ig, true
			}
			ig.Until = t
			continue
		}
		if fd.text == "--" && len(reason) == 0 {
			continue
		}
		reason = append(reason, fd.text)
	}
	ig.Reason = strings.Join(reason, " ")
	if ig.Reason == "" {
		ig.Problem, ig.ProblemCol = "ignore comment gives no reason: say why the finding does not apply here", markerCol
	}
	return ig, true
}

type field struct {
	text string
	col  int
}

// splitFields splits s on blanks, remembering each field's column (col is that of s[0]).
func splitFields(s string, col int) []field {
	var out []field
	start := -1
	for i, r := range s + " " {
		blank := r == ' ' || r == '\t'
		switch {
		case !blank && start < 0:
			start = i
		case blank && start >= 0:
			out = append(out, field{s[start:i], col + utf8.RuneCountInString(s[:start])})
			start = -1
		}
	}
	return out
}

// splitRules splits the comma-separated rule list of f.
func splitRules(f field) []Ref {
	var out []Ref
	off := 0
	for _, id := range strings.Split(f.text, ",") {
		if id != "" {
			out = append(out, Ref{ID: id, Col: f.col + utf8.RuneCountInString(f.text[:off])})
		}
		off += len(id) + 1
	}
	return out
}
