package manifest

import (
	"encoding/json"
	"strings"
	"sync"

	"github.com/sagectl/sagectl/internal/schema"
)

// shape is the structure of an API value, read from the generated JSON Schema so that
// ACK's field names map onto the API's without a hand-written table.
type shape struct {
	fields map[string]field // a structure: its fields by lower-case name
	items  *shape           // a list: its elements
	values *shape           // a map: its values
}

type field struct {
	name  string // the API's spelling
	shape *shape // nil for a scalar
}

// apiShape returns the shape of a request of kind k (built once, on first use) from
// sagectl's JSON Schema, which `go generate` derives from the AWS SDK's request types:
// the loader gets the API's spelling without linking the SDK, whose package start-up
// alone would cost a lint process several milliseconds.
func apiShape(k Kind) *shape {
	shapes.once.Do(func() {
		var doc struct {
			Defs map[string]any `json:"$defs"`
		}
		if err := json.Unmarshal(schema.JSON(), &doc); err != nil {
			panic("manifest: the embedded schema is not JSON: " + err.Error()) // a build defect, caught by tests
		}
		shapes.kinds = map[Kind]*shape{}
		seen := map[string]*shape{}
		for _, kind := range Kinds {
			shapes.kinds[kind] = shapeOf(doc.Defs[string(kind)], doc.Defs, seen)
		}
	})
	return shapes.kinds[k]
}

var shapes = struct {
	once  sync.Once
	kinds map[Kind]*shape
}{}

// shapeOf reads the shape of a schema node; seen memoises named definitions (and
// breaks cycles).
func shapeOf(node any, defs map[string]any, seen map[string]*shape) *shape {
	m, _ := node.(map[string]any)
	if ref, ok := m["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		if s, ok := seen[name]; ok {
			return s
		}
		s := &shape{}
		seen[name] = s
		*s = *orEmpty(shapeOf(defs[name], defs, seen))
		if s.fields == nil && s.items == nil && s.values == nil {
			seen[name] = nil
			return nil
		}
		return s
	}
	if props, ok := m["properties"].(map[string]any); ok {
		s := &shape{fields: map[string]field{}}
		for name, sub := range props {
			if name != "kind" {
				s.fields[strings.ToLower(name)] = field{name: name, shape: shapeOf(sub, defs, seen)}
			}
		}
		return s
	}
	if items, ok := m["items"]; ok {
		return &shape{items: shapeOf(items, defs, seen)}
	}
	if vals, ok := m["additionalProperties"].(map[string]any); ok {
		return &shape{values: shapeOf(vals, defs, seen)}
	}
	return nil // a scalar or an enum: not renamed
}

func orEmpty(s *shape) *shape {
	if s == nil {
		return &shape{}
	}
	return s
}
