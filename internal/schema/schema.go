// Package schema holds sagectl's JSON Schema (draft 2020-12) for Model, EndpointConfig
// and Endpoint manifests, generated from the AWS SDK by `go generate`, and validates
// documents against it.
package schema

//go:generate go run ./gen

import (
	_ "embed"
	"fmt"
	"sort"
)

//go:embed sagectl.schema.json
var schemaJSON []byte

//go:embed editor.schema.json
var editorJSON []byte

// JSON returns sagectl's own schema document: the one its messages quote, with the
// x-sagectl- keywords below.
func JSON() []byte { return schemaJSON }

// EditorJSON returns the schema document that `sagectl schema` prints for editors and
// other validators: the same limits in standard draft 2020-12 keywords only (no
// x-sagectl- keyword, so ajv accepts it in strict mode), a document without kind
// validated as the request its fields are those of, and stepped ranges as enums.
func EditorJSON() []byte { return editorJSON }

// KeywordWarnUnknown is the schema's extension keyword for open enums (instance
// types): a value of the enum's form that is not in its list is valid but reported,
// as an Error with this Keyword and Warning set.
const KeywordWarnUnknown = "x-sagectl-warnUnknown"

// KeywordForm is the schema's extension keyword, next to a pattern, that says in words
// what the pattern allows ("letters, digits and hyphens, ..."). Validators ignore it.
const KeywordForm = "x-sagectl-form"

// Error is one schema violation, located by JSON pointer inside the document body.
type Error struct {
	// Pointer is the JSON pointer of the offending value (or of the mapping that lacks a field).
	Pointer string
	// Keyword is the schema keyword that failed (additionalProperties, required, type, enum,
	// ...); an instance type of the wrong form reports enum, an unknown one KeywordWarnUnknown.
	Keyword string
	// AtKey is true when the finding belongs on the mapping key rather than its value.
	AtKey bool
	// Warning is true for violations that are advisory (an unknown but well-formed instance type).
	Warning bool
	// Message says what is wrong and what is allowed; Hint how to fix it.
	Message, Hint string
}

// Validate checks the plain value of one document body of the given kind ("" means
// EndpointConfig). The value is what manifest.ToValue returns: map[string]any, []any,
// string, bool, nil and json.Number. Errors come one per leaf cause, sorted by pointer.
func Validate(kind string, value any) []Error {
	if kind == "" {
		kind = "EndpointConfig"
	}
	root, err := compiledKind(kind)
	if err != nil {
		return []Error{internalError(err)}
	}
	if root == nil {
		return []Error{{Keyword: "kind", Message: fmt.Sprintf("unknown kind %q: expected one of Model, EndpointConfig, Endpoint, ScalableTarget, ScalingPolicy, ScheduledAction, InferenceComponent, SmokeTest", kind),
			Hint: "set kind to Model, EndpointConfig, Endpoint, ScalableTarget, ScalingPolicy, ScheduledAction, InferenceComponent or SmokeTest"}}
	}
	leaves, err := walk(root, value)
	if err != nil {
		return []Error{internalError(err)}
	}
	if len(leaves) == 0 {
		return nil
	}
	raw, err := fullSchema()
	if err != nil {
		return []Error{internalError(err)}
	}
	out := explain(kind, value, leaves, raw)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Pointer != out[j].Pointer {
			return out[i].Pointer < out[j].Pointer
		}
		return out[i].Message < out[j].Message
	})
	return out
}

// internalError reports that sagectl's own schema is broken: a bug, not the user's.
func internalError(err error) Error {
	return Error{Keyword: "schema", Message: "sagectl's embedded schema is broken: " + err.Error(),
		Hint: "this is a bug in sagectl: please report it"}
}
