package schema

import (
	"fmt"
	"strings"
	"sync"
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
		} else if home := fieldPath(l.parent, k, l.schema); home != "" {
			if l.pointer != "" {
				home = Place(l.kind, l.pointer) + "." + home
			}
			e.Message += fmt.Sprintf("; %s belongs under %s", k, home)
			e.Hint = fmt.Sprintf("move it to %s.%s", home, k)
		} else if other := l.kindWithField(k); other != "" {
			e.Message += fmt.Sprintf("; %s is a field of %s", k, other)
			e.Hint = fmt.Sprintf("move it to a kind: %s document", other)
		} else {
			e.Hint = fmt.Sprintf("remove it, or use one of the fields %s allows: %s", shapeName(l.kind, l.parent), listWords(allowed))
		}
		out = append(out, e)
	}
	return out
}

// kindWithField names another kind whose documents have top-level field name, when
// the unknown field is at the top of the document ("" otherwise).
func (l leafCtx) kindWithField(name string) string {
	if l.pointer != "" {
		return ""
	}
	defs, _ := resolve(l.schema, "/$defs").(map[string]any)
	for _, k := range []string{"Model", "EndpointConfig", "Endpoint"} {
		if k == l.kind {
			continue
		}
		if _, ok := resolve(defs[k], childPointer("/properties", name)).(map[string]any); ok {
			return k
		}
	}
	return ""
}

// fieldPath finds where, below the object schema obj, a field called name is allowed,
// and returns the shortest such path ("ProductionVariants[]"), or "".
func fieldPath(obj map[string]any, name string, root any) string {
	type step struct {
		s    map[string]any
		path string
	}
	seen := map[string]bool{}
	queue := []step{{obj, ""}}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if ref, _ := cur.s["$ref"].(string); ref != "" {
			if seen[ref] {
				continue
			}
			seen[ref] = true
			target, _ := resolve(root, strings.TrimPrefix(ref, "#")).(map[string]any)
			queue = append(queue, step{target, cur.path})
			continue
		}
		if items, ok := cur.s["items"].(map[string]any); ok {
			queue = append(queue, step{items, cur.path + "[]"})
		}
		props, _ := cur.s["properties"].(map[string]any)
		if _, ok := props[name]; ok && cur.path != "" {
			return cur.path
		}
		for _, k := range sortedKeys(props) {
			sub, _ := props[k].(map[string]any)
			queue = append(queue, step{sub, strings.TrimPrefix(cur.path+"."+k, ".")})
		}
	}
	return ""
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

// badOpenEnum reports a malformed string of an open enum (an instance type): only
// strings can fail its anyOf, since a pattern passes anything else and the type
// keyword beside it reports that.
func (l leafCtx) badOpenEnum() Error {
	known := openEnumKnown(l.parent)
	form, _ := l.parent[KeywordWarnUnknown].(string)
	e := Error{Pointer: l.pointer, Keyword: "enum"}
	e.Message = fmt.Sprintf("%s is not a valid %s; expected %s, one of the %d this SDK knows", valueWord(l.value), l.field(), form, len(known))
	if s, ok := l.value.(string); ok {
		if sug := closestKnown(form, s, known); sug != "" {
			e.Message += fmt.Sprintf("; did you mean %q?", sug)
			e.Hint = fmt.Sprintf("replace it with %q", sug)
		}
	}
	return e
}

// unknownOpenValue is the warning for a well-formed value the SDK does not list.
func (l leafCtx) unknownOpenValue() Error {
	known := openEnumKnown(l.parent)
	e := Error{Pointer: l.pointer, Keyword: l.keyword, Warning: true,
		Message: fmt.Sprintf("unknown %s %s: not in this SDK's list of %d", l.field(), valueWord(l.value), len(known)),
		Hint:    "check that SageMaker hosting offers it in your Region; if it is newer than this sagectl, the warning can be ignored"}
	if s, _ := l.value.(string); s != "" {
		form, _ := l.parent[KeywordWarnUnknown].(string)
		if sug := closestKnown(form, s, known); sug != "" {
			e.Message += fmt.Sprintf("; did you mean %q?", sug)
		}
	}
	return e
}

// openSuggestions memoises the did-you-mean of open-enum values, by enum and value:
// measuring a value against every instance type costs about 100 µs, and a set of
// manifests repeats its values.
var openSuggestions = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}

// maxOpenSuggestions bounds openSuggestions; it is emptied when full.
const maxOpenSuggestions = 1024

// closestKnown is closest(s, known) for the open enum called form, memoised.
func closestKnown(form, s string, known []string) string {
	key := form + "\x00" + s
	openSuggestions.Lock()
	sug, ok := openSuggestions.m[key]
	openSuggestions.Unlock()
	if ok {
		return sug
	}
	sug = closest(s, known)
	openSuggestions.Lock()
	if len(openSuggestions.m) >= maxOpenSuggestions {
		clear(openSuggestions.m)
	}
	openSuggestions.m[key] = sug
	openSuggestions.Unlock()
	return sug
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
	word := map[string]string{"minimum": "below the minimum", "maximum": "above the maximum"}[l.keyword]
	return Error{Pointer: l.pointer, Keyword: l.keyword,
		Message: fmt.Sprintf("%s %s is %s %s", l.field(), valueWord(l.value), word, valueWord(l.rule)),
		Hint:    rangeHint(l.parent["minimum"], l.parent["maximum"])}
}

// badSize reports a string, list or mapping that is too short or too long.
func (l leafCtx) badSize() Error {
	unit := map[string]string{"minLength": "character", "maxLength": "character", "minItems": "item",
		"maxItems": "item", "minProperties": "entry", "maxProperties": "entry"}[l.keyword]
	lo, hi := l.parent[strings.Replace(l.keyword, "max", "min", 1)], l.parent[strings.Replace(l.keyword, "min", "max", 1)]
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
	return Error{Pointer: l.pointer, Keyword: l.keyword, Message: msg, Hint: sizeHint(lo, hi, unit)}
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
		e.Message = fmt.Sprintf("key %q in %s fails the schema's %s", key, mapName, l.keyword)
	}
	e.Hint = "rename the key"
	return e
}
