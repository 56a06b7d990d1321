package schema

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/suggest"
)

// maxListed is how many allowed values a message lists before it only counts them.
const maxListed = 12

// unknownFields reports each key of the object that its schema does not define.
func (l leafCtx) unknownFields() []Error {
	obj, _ := l.value.(map[string]any)
	props, _ := l.parent["properties"].(map[string]any)
	allowed := sortedKeys(props)
	var out []Error
	for _, k := range sortedKeys(obj) {
		if _, ok := props[k]; ok {
			continue
		}
		e := Error{Pointer: childPointer(l.pointer, k), Keyword: l.keyword, AtKey: true,
			Message: fmt.Sprintf("unknown field %q in %s", k, Place(l.kind, l.pointer))}
		if s := closest(k, allowed); s != "" {
			e.Message += fmt.Sprintf("; did you mean %q?", s)
			e.Hint = "rename it to " + s
		} else {
			e.Hint = fmt.Sprintf("remove it, or use one of the fields %s allows: %s", shapeName(l.kind, l.parent), listWords(allowed))
		}
		out = append(out, e)
	}
	return out
}

// missingFields reports each required field the object lacks, at the object's key
// (or at the list item, for a list of objects).
func (l leafCtx) missingFields() []Error {
	obj, _ := l.value.(map[string]any)
	req, _ := l.rule.([]any)
	props, _ := l.parent["properties"].(map[string]any)
	var out []Error
	for _, r := range req {
		name, _ := r.(string)
		if _, ok := obj[name]; ok {
			continue
		}
		hint := "add " + name
		if p, ok := props[name].(map[string]any); ok {
			if d, _ := p["description"].(string); d != "" {
				hint += ": " + firstSentence(d)
			}
		}
		out = append(out, Error{Pointer: l.pointer, Keyword: l.keyword, AtKey: true,
			Message: fmt.Sprintf("%s lacks the required field %s", Place(l.kind, l.pointer), name), Hint: hint})
	}
	return out
}

// wrongType says what type was expected and what was found.
func (l leafCtx) wrongType() Error {
	var want []string
	switch t := l.rule.(type) {
	case string:
		want = []string{typeWord(t)}
	case []any:
		for _, x := range t {
			s, _ := x.(string)
			want = append(want, typeWord(s))
		}
	}
	e := Error{Pointer: l.pointer, Keyword: l.keyword,
		Message: fmt.Sprintf("%s must be %s, got %s", l.field(), strings.Join(want, " or "), describe(l.value))}
	if s, ok := l.value.(string); ok && len(want) == 1 && unquotedFits(s, l.rule) {
		e.Hint = fmt.Sprintf("remove the quotes: %s: %s", l.field(), s)
	} else if l.value == nil {
		e.Hint = fmt.Sprintf("give %s a value, or remove the line", l.field())
	}
	return e
}

// badEnum reports a value outside a closed list.
func (l leafCtx) badEnum() Error {
	var allowed []string
	if l.keyword == "const" {
		allowed = []string{valueWord(l.rule)}
	} else {
		vs, _ := l.rule.([]any)
		for _, v := range vs {
			allowed = append(allowed, valueWord(v))
		}
	}
	e := Error{Pointer: l.pointer, Keyword: "enum",
		Message: fmt.Sprintf("%s is not a valid %s; expected %s", valueWord(l.value), l.field(), oneOf(allowed))}
	l.suggest(&e, allowed)
	return e
}

// badOpenEnum reports a malformed value of an open enum (an instance type).
func (l leafCtx) badOpenEnum() Error {
	known, _ := openEnumParts(l.parent)
	form, _ := l.parent[KeywordWarnUnknown].(string)
	e := Error{Pointer: l.pointer, Keyword: "enum"}
	if _, ok := l.value.(string); !ok {
		e.Keyword = "type"
		e.Message = fmt.Sprintf("%s must be a string, got %s", l.field(), describe(l.value))
		return e
	}
	e.Message = fmt.Sprintf("%s is not a valid %s; expected %s, one of the %d this SDK knows", valueWord(l.value), l.field(), form, len(known))
	l.suggest(&e, known)
	return e
}

// unknownOpenValue is the warning for a well-formed value the SDK does not list.
func (l leafCtx) unknownOpenValue() Error {
	known, _ := openEnumParts(l.parent)
	e := Error{Pointer: l.pointer, Keyword: l.keyword, Warning: true,
		Message: fmt.Sprintf("unknown %s %s: not in this SDK's list of %d", l.field(), valueWord(l.value), len(known)),
		Hint:    "check that SageMaker hosting offers it in your Region; if it is newer than this sagectl, the warning can be ignored"}
	if s, _ := l.value.(string); s != "" {
		if sug := closest(s, known); sug != "" {
			e.Message += fmt.Sprintf("; did you mean %q?", sug)
		}
	}
	return e
}

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

// suggest adds a did-you-mean for a string value.
func (l leafCtx) suggest(e *Error, allowed []string) {
	s, ok := l.value.(string)
	if !ok {
		return
	}
	plain := make([]string, len(allowed))
	for i, a := range allowed {
		plain[i] = strings.Trim(a, `"`)
	}
	if sug := closest(s, plain); sug != "" {
		e.Message += fmt.Sprintf("; did you mean %q?", sug)
		e.Hint = fmt.Sprintf("replace it with %q", sug)
	}
}

// outOfRange reports a number below its minimum or above its maximum.
func (l leafCtx) outOfRange() Error {
	word := map[string]string{"minimum": "below the minimum", "maximum": "above the maximum",
		"exclusiveMinimum": "not above", "exclusiveMaximum": "not below"}[l.keyword]
	return Error{Pointer: l.pointer, Keyword: l.keyword,
		Message: fmt.Sprintf("%s %s is %s %s", l.field(), valueWord(l.value), word, valueWord(l.rule)),
		Hint:    rangeHint(l.parent["minimum"], l.parent["maximum"])}
}

// badSize reports a string, list or mapping that is too short or too long.
func (l leafCtx) badSize() Error {
	unit := map[string]string{"minLength": "character", "maxLength": "character", "minItems": "item",
		"maxItems": "item", "minProperties": "entry", "maxProperties": "entry"}[l.keyword]
	min, max := l.parent[strings.Replace(l.keyword, "max", "min", 1)], l.parent[strings.Replace(l.keyword, "min", "max", 1)]
	n := size(l.value)
	var msg string
	switch {
	case n == 0:
		msg = fmt.Sprintf("%s is empty; it needs at least %s", l.field(), plural(l.rule, unit))
	case strings.HasPrefix(l.keyword, "min"):
		msg = fmt.Sprintf("%s has %s; it needs at least %s", l.field(), plural(n, unit), plural(l.rule, unit))
	default:
		msg = fmt.Sprintf("%s has %s; at most %s are allowed", l.field(), plural(n, unit), plural(l.rule, unit))
	}
	return Error{Pointer: l.pointer, Keyword: l.keyword, Message: msg, Hint: sizeHint(min, max, unit)}
}

// noMatch reports a string that does not have the form its pattern requires, in
// words where the schema has them.
func (l leafCtx) noMatch() Error {
	e := Error{Pointer: l.pointer, Keyword: l.keyword,
		Message: fmt.Sprintf("%s %s does not have the allowed form %v", l.field(), valueWord(l.value), l.rule),
		Hint:    "change the value so the whole of it matches the regular expression"}
	if w, _ := l.parent[KeywordForm].(string); w != "" {
		e.Message = fmt.Sprintf("%s %s is not allowed: it must be %s", l.field(), valueWord(l.value), w)
		e.Hint = fmt.Sprintf("the exact rule is the regular expression %v", l.rule)
	}
	return e
}

// propertyName reports a map key (an environment variable name) that breaks the key rules.
func (l leafCtx) propertyName() Error {
	key := fieldName(l.kind, l.pointer)
	mapName := Place(l.kind, parentPointer(l.pointer))
	e := Error{Pointer: l.pointer, Keyword: l.keyword, AtKey: true}
	switch l.keyword {
	case "pattern":
		e.Message = fmt.Sprintf("key %q in %s does not have the allowed form %v", key, mapName, l.rule)
		if w, _ := l.parent[KeywordForm].(string); w != "" {
			e.Message = fmt.Sprintf("key %q in %s is not allowed: keys must be %s", key, mapName, w)
		}
	case "maxLength", "minLength":
		e.Message = fmt.Sprintf("key %q in %s is %d characters long; the limit is %s", key, mapName, size(key), valueWord(l.rule))
	default:
		e.Message = fmt.Sprintf("key %q in %s: %s", key, mapName, l.e.Message)
	}
	e.Hint = "rename the key"
	return e
}

// rangeHint says which values are allowed: "use a value from 1 to 200".
func rangeHint(min, max any) string {
	switch {
	case min != nil && max != nil:
		return fmt.Sprintf("use a value from %s to %s", valueWord(min), valueWord(max))
	case min != nil:
		return "use a value of at least " + valueWord(min)
	case max != nil:
		return "use a value of at most " + valueWord(max)
	}
	return ""
}

// sizeHint says which sizes are allowed: "use 1 to 63 characters".
func sizeHint(min, max any, unit string) string {
	switch {
	case min != nil && max != nil:
		return fmt.Sprintf("use %s to %s", valueWord(min), plural(max, unit))
	case min != nil:
		return "use at least " + plural(min, unit)
	case max != nil:
		return "use at most " + plural(max, unit)
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
