package manifest

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// MaxValues bounds how many values one document may expand to once aliases are
// resolved; it stops alias bombs ("billion laughs") from exhausting memory.
const MaxValues = 100_000

// ErrTooLarge is returned by ToValue when a document expands past MaxValues.
var ErrTooLarge = errors.New("document expands to more than 100000 values through YAML aliases")

// ToValue converts a node tree into plain Go values as encoding/json would decode them
// (map[string]any, []any, string, bool, nil, json.Number), resolving aliases and merge
// keys, so a JSON Schema validator can check it.
func ToValue(n *yaml.Node) (any, error) {
	budget := MaxValues
	return toValue(n, &budget, 0)
}

func toValue(n *yaml.Node, budget *int, depth int) (any, error) {
	n = deref(n)
	*budget--
	if *budget < 0 {
		return nil, ErrTooLarge
	}
	if n == nil || depth > maxDepth {
		return nil, nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for k, v := range Pairs(n) {
			val, err := toValue(v, budget, depth+1)
			if err != nil {
				return nil, err
			}
			m[k.Value] = val
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			val, err := toValue(e, budget, depth+1)
			if err != nil {
				return nil, err
			}
			s = append(s, val)
		}
		return s, nil
	case yaml.ScalarNode:
		return scalarValue(n), nil
	}
	return nil, nil
}

func scalarValue(n *yaml.Node) any {
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		b, _ := Bool(n)
		return b
	case "!!int":
		if v, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
			return json.Number(strconv.FormatInt(v, 10))
		}
		return json.Number(n.Value)
	case "!!float":
		v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return n.Value // not representable in JSON: validated as a string
		}
		return json.Number(strconv.FormatFloat(v, 'g', -1, 64))
	}
	return n.Value
}
