package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
)

// Call is one SageMaker API call of an action, with its full request input as JSON
// (member names as the API spells them). Decode turns it into the SDK input struct.
type Call struct {
	// Operation is the API operation, e.g. "CreateEndpointConfig".
	Operation string `json:"operation"`
	// Input is the request, e.g. {"EndpointConfigName": "...", "ProductionVariants": [...]}.
	Input json.RawMessage `json:"input"`
}

// inputs maps every operation a plan may contain to its SDK input type.
var inputs = map[string]func() any{
	"CreateModel":                        func() any { return &sagemaker.CreateModelInput{} },
	"CreateEndpointConfig":               func() any { return &sagemaker.CreateEndpointConfigInput{} },
	"CreateEndpoint":                     func() any { return &sagemaker.CreateEndpointInput{} },
	"UpdateEndpoint":                     func() any { return &sagemaker.UpdateEndpointInput{} },
	"UpdateEndpointWeightsAndCapacities": func() any { return &sagemaker.UpdateEndpointWeightsAndCapacitiesInput{} },
	"AddTags":                            func() any { return &sagemaker.AddTagsInput{} },
	"DeleteTags":                         func() any { return &sagemaker.DeleteTagsInput{} },
	"DeleteModel":                        func() any { return &sagemaker.DeleteModelInput{} },
	"DeleteEndpointConfig":               func() any { return &sagemaker.DeleteEndpointConfigInput{} },
	"DeleteEndpoint":                     func() any { return &sagemaker.DeleteEndpointInput{} },
}

// Decode returns the call's input as its SDK type, e.g. *sagemaker.CreateEndpointInput.
func (c Call) Decode() (any, error) {
	mk, ok := inputs[c.Operation]
	if !ok {
		return nil, fmt.Errorf("unknown operation %q in plan", c.Operation)
	}
	in := mk()
	dec := json.NewDecoder(bytes.NewReader(c.Input))
	dec.DisallowUnknownFields()
	if err := dec.Decode(in); err != nil {
		return nil, fmt.Errorf("%s input: %w", c.Operation, err)
	}
	return in, nil
}

// newCall builds a call from fields, keeping only the members the operation's SDK
// input type has, and checks that the result decodes into that type.
func newCall(op string, fields map[string]any) (Call, error) {
	if _, ok := inputs[op]; !ok {
		return Call{}, fmt.Errorf("unknown operation %q", op)
	}
	data, err := json.Marshal(requestFields(op, fields))
	if err != nil {
		return Call{}, fmt.Errorf("%s input: %w", op, err)
	}
	c := Call{Operation: op, Input: data}
	if _, err := c.Decode(); err != nil {
		return Call{}, err
	}
	return c, nil
}

// tagList renders tags as the API's [{Key, Value}] list, sorted by key.
func tagList(tags map[string]string) []any {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]any, 0, len(keys))
	for _, k := range keys {
		out = append(out, map[string]any{"Key": k, "Value": tags[k]})
	}
	return out
}

// requestFields keeps the members of fields that op's SDK input type has (and are set).
func requestFields(op string, fields map[string]any) map[string]any {
	out := map[string]any{}
	mk, ok := inputs[op]
	if !ok {
		return out
	}
	t := reflect.TypeOf(mk()).Elem()
	for k, v := range fields {
		if f, ok := t.FieldByName(k); ok && f.IsExported() && v != nil {
			out[k] = v
		}
	}
	return out
}
