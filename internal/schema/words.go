package schema

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/suggest"
)

// closest is suggest.Closest over the candidates whose length could be within its edit
// limit of word's: the same answer without measuring 277 instance types each time.
func closest(word string, candidates []string) string {
	n := len([]rune(word))
	limit := n/3 + 1
	near := make([]string, 0, len(candidates))
	for _, c := range candidates {
		if d := len([]rune(c)) - n; d >= -limit && d <= limit {
			near = append(near, c)
		}
	}
	return suggest.Closest(word, near)
}

// rangeHint says which values are allowed: "use a value from 1 to 200".
func rangeHint(lo, hi any) string {
	switch {
	case lo != nil && hi != nil:
		return fmt.Sprintf("use a value from %s to %s", valueWord(lo), valueWord(hi))
	case lo != nil:
		return "use a value of at least " + valueWord(lo)
	case hi != nil:
		return "use a value of at most " + valueWord(hi)
	}
	return ""
}

// sizeHint says which sizes are allowed: "use 1 to 63 characters".
func sizeHint(lo, hi any, unit string) string {
	switch {
	case lo != nil && hi != nil:
		return fmt.Sprintf("use %s to %s", valueWord(lo), plural(hi, unit))
	case lo != nil:
		return "use at least " + plural(lo, unit)
	case hi != nil:
		return "use at most " + plural(hi, unit)
	}
	return ""
}

// shapeName names the object schema: its title, or the kind for the document itself.
func shapeName(kind string, s map[string]any) string {
	if t, _ := s["title"].(string); t != "" {
		return t
	}
	return kind
}

// describe says what a value is: string "2", number 2.5, a list, an empty value.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "an empty value"
	case string:
		return fmt.Sprintf("string %q", x)
	case bool:
		return fmt.Sprintf("boolean %t", x)
	case json.Number:
		return "number " + x.String()
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	}
	return fmt.Sprintf("%v", v)
}

// typeWord names a JSON Schema type the way YAML users think of it.
func typeWord(t string) string {
	switch t {
	case "integer":
		return "an integer"
	case "number":
		return "a number"
	case "boolean":
		return "true or false"
	case "object":
		return "a mapping"
	case "array":
		return "a list"
	case "null":
		return "empty"
	}
	return "a " + t
}

// unquotedFits reports whether the string s, written without quotes, would have the
// wanted type ("2" for an integer, "true" for a boolean).
func unquotedFits(s string, want any) bool {
	switch want {
	case "integer":
		var n json.Number = json.Number(s)
		_, err := n.Int64()
		return err == nil
	case "number":
		_, err := json.Number(s).Float64()
		return err == nil && s != ""
	case "boolean":
		return s == "true" || s == "false"
	}
	return false
}

// valueWord renders a value inside a message: strings quoted, numbers plain.
func valueWord(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case json.Number:
		return x.String()
	case nil:
		return "an empty value"
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	}
	return fmt.Sprintf("%v", v)
}

// oneOf renders the allowed values: "one of "A", "B"" or, for long lists, a count.
func oneOf(allowed []string) string {
	if len(allowed) == 1 {
		return allowed[0]
	}
	if len(allowed) > maxListed {
		return fmt.Sprintf("one of %d values (sagectl schema lists them)", len(allowed))
	}
	return "one of " + strings.Join(allowed, ", ")
}

// listWords joins names, shortened when there are many.
func listWords(names []string) string {
	if len(names) > maxListed {
		return strings.Join(names[:maxListed], ", ") + fmt.Sprintf(", ... (%d in all)", len(names))
	}
	return strings.Join(names, ", ")
}

// size is the length of a string in characters, or the number of items or entries.
func size(v any) int {
	switch x := v.(type) {
	case string:
		return len([]rune(x))
	case []any:
		return len(x)
	case map[string]any:
		return len(x)
	}
	return 0
}

// plural renders "1 item", "3 items".
func plural(n any, unit string) string {
	s := valueWord(n)
	if i, ok := n.(int); ok {
		s = fmt.Sprint(i)
	}
	if s == "1" {
		return s + " " + unit
	}
	if strings.HasSuffix(unit, "y") {
		return s + " " + strings.TrimSuffix(unit, "y") + "ies"
	}
	return s + " " + unit + "s"
}

// firstSentence returns the first sentence of a description.
func firstSentence(d string) string {
	if i := strings.Index(d, ". "); i >= 0 {
		return d[:i+1]
	}
	return d
}
