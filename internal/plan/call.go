package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"

	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
)

// Call is one SageMaker or Application Auto Scaling API call of an action, with its full request input as JSON
// (member names as the API spells them) and that input decoded, once, into its SDK type
// (Request). A Call is made by the planner or read from a saved plan; both check the input
// decodes.
type Call struct {
	// Operation is the API operation, e.g. "CreateEndpointConfig".
	Operation string `json:"operation"`
	// Input is the request, e.g. {"EndpointConfigName": "...", "ProductionVariants": [...]}.
	Input   json.RawMessage `json:"input"`
	request any
}

// Request is the call's input as its SDK type, e.g. *sagemaker.CreateEndpointInput.
func (c Call) Request() any { return c.request }

// UnmarshalJSON reads a call and decodes its input into the operation's SDK type.
func (c *Call) UnmarshalJSON(data []byte) error {
	var raw struct {
		Operation string          `json:"operation"`
		Input     json.RawMessage `json:"input"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	in, err := decode(raw.Operation, raw.Input)
	if err != nil {
		return err
	}
	*c = Call{Operation: raw.Operation, Input: raw.Input, request: in}
	return nil
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
	// Inference components (inference_component.go).
	"CreateInferenceComponent":              func() any { return &sagemaker.CreateInferenceComponentInput{} },
	"UpdateInferenceComponent":              func() any { return &sagemaker.UpdateInferenceComponentInput{} },
	"UpdateInferenceComponentRuntimeConfig": func() any { return &sagemaker.UpdateInferenceComponentRuntimeConfigInput{} },
	"DeleteInferenceComponent":              func() any { return &sagemaker.DeleteInferenceComponentInput{} },
	// Application Auto Scaling (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_Operations.html):
	// targets, policies and scheduled actions of SageMaker variants; RegisterScalableTarget
	// also updates a target in place, PutScalingPolicy a policy, PutScheduledAction an action.
	"RegisterScalableTarget":   func() any { return &aas.RegisterScalableTargetInput{} },
	"DeregisterScalableTarget": func() any { return &aas.DeregisterScalableTargetInput{} },
	"PutScalingPolicy":         func() any { return &aas.PutScalingPolicyInput{} },
	"DeleteScalingPolicy":      func() any { return &aas.DeleteScalingPolicyInput{} },
	"PutScheduledAction":       func() any { return &aas.PutScheduledActionInput{} },
	"DeleteScheduledAction":    func() any { return &aas.DeleteScheduledActionInput{} },
	"TagResource":              func() any { return &aas.TagResourceInput{} },
	"UntagResource":            func() any { return &aas.UntagResourceInput{} },
	// sagectl's own smoke test of an endpoint (smoke.go).
	OpSmokeTest: func() any { return &SmokeTest{} },
}

// decode returns input as op's SDK type, refusing members the type does not have.
func decode(op string, input json.RawMessage) (any, error) {
	mk, ok := inputs[op]
	if !ok {
		return nil, fmt.Errorf("unknown operation %q", op)
	}
	in := mk()
	dec := json.NewDecoder(bytes.NewReader(input))
	dec.DisallowUnknownFields()
	if err := dec.Decode(in); err != nil {
		return nil, fmt.Errorf("%s input: %w", op, err)
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
	in, err := decode(op, data)
	if err != nil {
		return Call{}, err
	}
	return Call{Operation: op, Input: data, request: in}, nil
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
