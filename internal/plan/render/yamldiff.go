package render

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
	"gopkg.in/yaml.v3"
)

// contextLines is how many unchanged lines surround each hunk of a unified diff.
const contextLines = 3

// toYAML renders a plan value (JSON values, numbers as json.Number) as YAML, keys sorted.
func toYAML(v any) string {
	if v == nil {
		return ""
	}
	var b strings.Builder
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(Plain(v)); err != nil {
		return fmt.Sprintf("# cannot render: %v\n", err)
	}
	_ = enc.Close() // flushes into a strings.Builder: cannot fail
	return b.String()
}

// Plain turns the json.Numbers in a decoded JSON value into int64 or float64, so YAML
// prints numbers unquoted; the importer writes manifests with it too.
func Plain(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = Plain(e)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = Plain(e)
		}
		return out
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return i
		}
		if f, err := t.Float64(); err == nil {
			return f
		}
		return string(t)
	}
	return v
}

// unifiedDiff returns a unified diff of two texts (line-based, via go-diff), or "" if
// they are equal.
func unifiedDiff(from, to, fromName, toName string) string {
	dmp := diffmatchpatch.New()
	c1, c2, lines := dmp.DiffLinesToChars(from, to)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(c1, c2, false), lines)
	type line struct {
		op   byte
		text string
	}
	var all []line
	changed := false
	for _, d := range diffs {
		op := byte(' ')
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			op, changed = '-', true
		case diffmatchpatch.DiffInsert:
			op, changed = '+', true
		}
		for _, l := range strings.SplitAfter(d.Text, "\n") {
			if l != "" {
				all = append(all, line{op, strings.TrimSuffix(l, "\n")})
			}
		}
	}
	if !changed {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", fromName, toName)
	for i := 0; i < len(all); {
		if all[i].op == ' ' {
			i++
			continue
		}
		start := max(i-contextLines, 0)
		end := i
		for end < len(all) {
			if all[end].op != ' ' {
				end++
				continue
			}
			run := end
			for run < len(all) && all[run].op == ' ' {
				run++
			}
			if run-end > 2*contextLines || run == len(all) {
				end = min(end+contextLines, len(all))
				break
			}
			end = run
		}
		oldStart, newStart := 1, 1
		for _, l := range all[:start] {
			if l.op != '+' {
				oldStart++
			}
			if l.op != '-' {
				newStart++
			}
		}
		oldN, newN := 0, 0
		for _, l := range all[start:end] {
			if l.op != '+' {
				oldN++
			}
			if l.op != '-' {
				newN++
			}
		}
		fmt.Fprintf(&b, "@@ -%s +%s @@\n", hunkRange(oldStart, oldN), hunkRange(newStart, newN))
		for _, l := range all[start:end] {
			b.WriteByte(l.op)
			b.WriteString(l.text)
			b.WriteByte('\n')
		}
		i = end
	}
	return b.String()
}

// hunkRange formats a unified-diff range ("start,count"; an empty range starts one
// line earlier, as diff -u writes it).
func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if n == 1 {
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
