// Package jsonpath reads the small JSON path language of a smoke test's Expect.JSONPath:
// "$" followed by steps, each ".member", "['member']" (any member name, quotes escaped
// with a backslash) or "[index]" (0-based; negative counts from the end). No wildcards,
// filters or slices: a smoke test names one value.
package jsonpath

import (
	"fmt"
	"strconv"
	"strings"
)

// Step is one step of a path: a member name, or an index when IsIndex.
type Step struct {
	Member  string
	Index   int
	IsIndex bool
}

// Path is a parsed path.
type Path []Step

// maxSteps bounds a path's length, so hostile input cannot make a huge one.
const maxSteps = 256

// Error is a syntax error at Offset (0-based, in bytes) of the path.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("column %d: %s", e.Offset+1, e.Msg) }

// Parse parses s.
func Parse(s string) (Path, error) {
	if !strings.HasPrefix(s, "$") {
		return nil, &Error{0, `a path starts with "$" (the whole answer), e.g. $.predictions[0]`}
	}
	var p Path
	for i := 1; i < len(s); {
		if len(p) == maxSteps {
			return nil, &Error{i, fmt.Sprintf("more than %d steps", maxSteps)}
		}
		var st Step
		var err error
		switch s[i] {
		case '.':
			st, i, err = member(s, i+1)
		case '[':
			st, i, err = bracket(s, i+1)
		default:
			err = &Error{i, fmt.Sprintf(`unexpected %q: a step is .member, ['member'] or [index]`, s[i])}
		}
		if err != nil {
			return nil, err
		}
		p = append(p, st)
	}
	return p, nil
}

// member reads a dotted member name starting at i: letters, digits, '_' and '-'.
func member(s string, i int) (Step, int, error) {
	j := i
	for j < len(s) && isNameByte(s[j]) {
		j++
	}
	if j == i {
		return Step{}, i, &Error{i, `a "." is followed by a member name (letters, digits, _ or -); write other names as ['name']`}
	}
	return Step{Member: s[i:j]}, j, nil
}

func isNameByte(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// bracket reads ['member'], ["member"] or [index] after its "[" at i.
func bracket(s string, i int) (Step, int, error) {
	if i < len(s) && (s[i] == '\'' || s[i] == '"') {
		return quoted(s, i)
	}
	j := i
	if j < len(s) && s[j] == '-' {
		j++
	}
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j >= len(s) || s[j] != ']' {
		return Step{}, i, &Error{i, `"[" is followed by an index and "]", or a quoted member name: [0], ['name']`}
	}
	n, err := strconv.Atoi(s[i:j])
	if err != nil {
		return Step{}, i, &Error{i, fmt.Sprintf("index %q is not a small integer", s[i:j])}
	}
	return Step{Index: n, IsIndex: true}, j + 1, nil
}

// quoted reads a quoted member name and its closing "]"; i is at the opening quote.
func quoted(s string, i int) (Step, int, error) {
	q := s[i]
	var b strings.Builder
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == '\\' && j+1 < len(s):
			j++
			b.WriteByte(s[j])
		case c == q:
			if j+1 >= len(s) || s[j+1] != ']' {
				return Step{}, j + 1, &Error{j + 1, `a quoted member name is followed by "]"`}
			}
			return Step{Member: b.String()}, j + 2, nil
		default:
			b.WriteByte(c)
		}
	}
	return Step{}, i, &Error{i, "the quoted member name is not closed"}
}

// Lookup returns the value at p in v, a value decoded by encoding/json (map[string]any,
// []any, string, float64 or json.Number, bool, nil), and whether it exists.
func (p Path) Lookup(v any) (any, bool) {
	for _, st := range p {
		switch x := v.(type) {
		case map[string]any:
			if st.IsIndex {
				return nil, false
			}
			var ok bool
			if v, ok = x[st.Member]; !ok {
				return nil, false
			}
		case []any:
			if !st.IsIndex {
				return nil, false
			}
			i := st.Index
			if i < 0 {
				i += len(x)
			}
			if i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}
