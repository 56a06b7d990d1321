package schema

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"strings"
	"sync"
)

// tableJSON is the hand-reviewed constraints table the schemas are generated from. The
// emulator reads it through Constraints, so lint and the emulator share one table.
//
//go:embed constraints.json
var tableJSON []byte

// Constraint is one request member's row of the constraints table: what the SageMaker
// API model (and, where the table says so, its documentation) allows beyond the member's
// Go type.
type Constraint struct {
	// Type is the API model's type: string, integer, float, boolean, list, map, structure.
	Type string `json:"type"`
	// Required is true when the API model lists the member as required.
	Required bool `json:"required"`
	// Limits apply to the value itself: a string's length, a number's value, a list's
	// or map's size, and a string's pattern.
	Limits
	// Enum lists the allowed values of an integer enum whose SDK type has no Values().
	Enum []float64 `json:"enum"`
	// Step is the documented increment of a numeric range (serverless memory: 1024):
	// the allowed values are Min, Min+Step, ... Max.
	Step *float64 `json:"step"`
	// Items constrains the string members of a list; Keys and Values the keys and
	// values of a map.
	Items  *Limits `json:"items"`
	Keys   *Limits `json:"keys"`
	Values *Limits `json:"values"`
}

// Limits are the min/max/pattern of one value.
type Limits struct {
	// Min and Max bound a string's length, a number's value, or a list's or map's size.
	Min *float64 `json:"min"`
	Max *float64 `json:"max"`
	// Pattern is a Go (RE2) regular expression the whole string must match.
	Pattern string `json:"pattern"`
	// ModelPattern is the API model's own pattern where it differs from Pattern
	// (look-around, which RE2 lacks); see ModelPatternText.
	ModelPattern string `json:"model_pattern"`
	re           *regexp.Regexp
}

// Match reports whether s matches the pattern, or true when there is none.
func (l *Limits) Match(s string) bool {
	return l.re == nil || l.re.MatchString(s)
}

// ModelPatternText is the pattern as the API model (and so the service's validation
// message) spells it: ModelPattern when the table gives one, else Pattern without the
// ^(?: )$ wrapper the table adds for a full match.
func (l *Limits) ModelPatternText() string {
	if l.ModelPattern != "" {
		return l.ModelPattern
	}
	if inner, ok := strings.CutPrefix(l.Pattern, "^(?:"); ok {
		if inner, ok := strings.CutSuffix(inner, ")$"); ok {
			return inner
		}
	}
	return l.Pattern
}

var (
	tableOnce sync.Once
	table     map[string]*Constraint
	tableErr  error
)

// Constraints returns the constraints table keyed "Operation:Path" (Path with [] for
// list items, e.g. "CreateEndpointConfig:ProductionVariants[].InstanceType"): the rows
// of the manifest requests the schema is generated from, and the table's service_fields,
// the other operations' members the emulator checks. The patterns are compiled. The map
// and its rows are shared: callers must not modify them.
func Constraints() (map[string]*Constraint, error) {
	tableOnce.Do(func() { table, tableErr = parseConstraints(tableJSON) })
	return table, tableErr
}

func parseConstraints(data []byte) (map[string]*Constraint, error) {
	var file struct {
		Fields        map[string]*Constraint `json:"fields"`
		ServiceFields map[string]*Constraint `json:"service_fields"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		return nil, fmt.Errorf("constraints.json: %w", err)
	}
	out := make(map[string]*Constraint, len(file.Fields)+len(file.ServiceFields))
	maps.Copy(out, file.Fields)
	for k, c := range file.ServiceFields {
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("constraints.json: %s is in both fields and service_fields", k)
		}
		out[k] = c
	}
	for k, c := range out {
		if c == nil {
			return nil, fmt.Errorf("constraints.json: %s: empty row", k)
		}
		for _, l := range []*Limits{&c.Limits, c.Items, c.Keys, c.Values} {
			if l == nil || l.Pattern == "" {
				continue
			}
			re, err := regexp.Compile(l.Pattern)
			if err != nil {
				return nil, fmt.Errorf("constraints.json: %s: %w", k, err)
			}
			l.re = re
		}
	}
	return out, nil
}
