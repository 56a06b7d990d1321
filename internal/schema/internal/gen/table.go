package gen

import (
	"encoding/json"
	"fmt"
	"regexp"
)

// Table is the committed constraints table (schema/constraints.json): what the AWS API
// model says about each request field beyond its Go type.
type Table struct {
	// Meta describes where the table comes from.
	Meta map[string]any `json:"meta"`
	// PatternWords says in words what a pattern allows, keyed by the pattern.
	PatternWords map[string]string `json:"pattern_words"`
	// Fields maps "Operation:Path" (Path with [] for list items, e.g.
	// "CreateEndpointConfig:ProductionVariants[].InstanceType") to the field's constraints.
	Fields map[string]*Field `json:"fields"`
}

// Field holds the constraints of one request field.
type Field struct {
	// Type is the API model's type (string, integer, float, boolean, list, map, structure).
	Type string `json:"type"`
	// GoType is the field's Go type in the SDK the table was written against.
	GoType string `json:"go_type"`
	// Required is true when the API model lists the member as required.
	Required bool `json:"required,omitempty"`
	// Limits apply to the value itself: length, numeric range or item count by type.
	Limits
	// Enum lists the allowed values of an integer enum whose SDK type has no Values().
	Enum []json.Number `json:"enum,omitempty"`
	// Step is the documented increment of an integer range: the allowed values are Min,
	// Min+Step, ... Max, a closed set. The editor schema lists them as an enum; sagectl's
	// own keeps the range, and a rule checks the step with a nearest-values hint.
	Step *json.Number `json:"step,omitempty"`
	// Items constrains the string members of a list; Keys and Values the keys and
	// values of a map.
	Items  *Limits `json:"items,omitempty"`
	Keys   *Limits `json:"keys,omitempty"`
	Values *Limits `json:"values,omitempty"`
	// Doc is the model's documentation, abridged; it becomes the schema description.
	Doc string `json:"doc"`
	// Source names where the constraints come from.
	Source string `json:"source"`
}

// Limits are the min/max/pattern of one value.
type Limits struct {
	// Min and Max bound a string's length, a number's value, or a list's or map's size.
	Min *json.Number `json:"min,omitempty"`
	Max *json.Number `json:"max,omitempty"`
	// Pattern is a Go (RE2) regular expression the whole string must match.
	Pattern string `json:"pattern,omitempty"`
	// ModelPattern is the API model's own pattern where it uses look-around and so
	// differs from Pattern; the emulator quotes it in its messages. The generator does
	// not use it.
	ModelPattern string `json:"model_pattern,omitempty"`
}

// ParseTable reads a constraints table and checks that every pattern compiles.
func ParseTable(data []byte) (*Table, error) {
	var t Table
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("constraints table: %w", err)
	}
	if len(t.Fields) == 0 {
		return nil, fmt.Errorf("constraints table: no fields")
	}
	for key, f := range t.Fields {
		if f == nil {
			return nil, fmt.Errorf("constraints table: %s: empty entry", key)
		}
		for _, l := range []*Limits{&f.Limits, f.Items, f.Keys, f.Values} {
			if l == nil || l.Pattern == "" {
				continue
			}
			if _, err := regexp.Compile(l.Pattern); err != nil {
				return nil, fmt.Errorf("constraints table: %s: pattern is not a Go regular expression: %w", key, err)
			}
		}
	}
	return &t, nil
}
