package emulator

import (
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// handler runs one operation under s.mu on the raw request body.
type handler func(s *Server, body []byte) (any, *apiError)

// operations are the served operations, by X-Amz-Target name.
var operations = map[string]handler{
	"CreateModel":                        handle("CreateModel", (*Server).createModel),
	"DescribeModel":                      handle("DescribeModel", (*Server).describeModel),
	"ListModels":                         handle("ListModels", (*Server).listModels),
	"DeleteModel":                        handle("DeleteModel", (*Server).deleteModel),
	"CreateEndpointConfig":               handle("CreateEndpointConfig", (*Server).createEndpointConfig),
	"DescribeEndpointConfig":             handle("DescribeEndpointConfig", (*Server).describeEndpointConfig),
	"ListEndpointConfigs":                handle("ListEndpointConfigs", (*Server).listEndpointConfigs),
	"DeleteEndpointConfig":               handle("DeleteEndpointConfig", (*Server).deleteEndpointConfig),
	"CreateEndpoint":                     handle("CreateEndpoint", (*Server).createEndpoint),
	"DescribeEndpoint":                   handle("DescribeEndpoint", (*Server).describeEndpoint),
	"ListEndpoints":                      handle("ListEndpoints", (*Server).listEndpoints),
	"UpdateEndpoint":                     handle("UpdateEndpoint", (*Server).updateEndpoint),
	"UpdateEndpointWeightsAndCapacities": handle("UpdateEndpointWeightsAndCapacities", (*Server).updateWeights),
	"DeleteEndpoint":                     handle("DeleteEndpoint", (*Server).deleteEndpoint),
	"AddTags":                            handle("AddTags", (*Server).addTags),
	"DeleteTags":                         handle("DeleteTags", (*Server).deleteTags),
	"ListTags":                           handle("ListTags", (*Server).listTags),
	// inference_components.go
	"CreateInferenceComponent":              handle("CreateInferenceComponent", (*Server).createInferenceComponent),
	"DescribeInferenceComponent":            handle("DescribeInferenceComponent", (*Server).describeInferenceComponent),
	"ListInferenceComponents":               handle("ListInferenceComponents", (*Server).listInferenceComponents),
	"UpdateInferenceComponent":              handle("UpdateInferenceComponent", (*Server).updateInferenceComponent),
	"UpdateInferenceComponentRuntimeConfig": handle("UpdateInferenceComponentRuntimeConfig", (*Server).updateInferenceComponentRuntimeConfig),
	"DeleteInferenceComponent":              handle("DeleteInferenceComponent", (*Server).deleteInferenceComponent),
}

// Operations returns the names of the operations the emulator serves, sorted.
func Operations() []string {
	return slices.Sorted(maps.Keys(operations))
}

// handle decodes the body into the SDK input type In, validates it and runs fn.
func handle[In any](op string, fn func(*Server, *In) (any, *apiError)) handler {
	return func(s *Server, body []byte) (any, *apiError) {
		in := new(In)
		if err := decodeJSON(body, in); err != nil {
			return nil, &apiError{Status: http.StatusBadRequest, Code: codeSerialization, Message: err.Error()}
		}
		if err := validate(op, in); err != nil {
			return nil, err
		}
		return fn(s, in)
	}
}

// arn builds a resource ARN; SageMaker lower-cases the name in it.
func (s *Server) arn(kind, name string) string {
	return fmt.Sprintf("arn:aws:sagemaker:%s:%s:%s/%s", s.opts.Region, s.opts.Account, kind, key(name))
}

// newVisibility starts the stale-read window of a resource made by the create op.
func (s *Server) newVisibility(op string) visibility {
	if s.stale.Op != "" && s.stale.Op != op {
		return visibility{}
	}
	v := visibility{HiddenReads: s.stale.Calls}
	if s.stale.For > 0 {
		v.HiddenUntil = s.clock.Now().Add(s.stale.For)
	}
	return v
}

// seen reports whether an eventually consistent read sees the resource; a Describe or lookup
// (consume) spends one of its hidden reads.
func (s *Server) seen(v *visibility, consume bool) bool {
	hidden := v.HiddenReads > 0 || s.clock.Now().Before(v.HiddenUntil)
	if consume && v.HiddenReads > 0 {
		v.HiddenReads--
	}
	return !hidden
}

// copyFields copies every field of src into the field of dst with the same name and type: how
// Describe answers with exactly what Create stored, field for field.
func copyFields(dst, src any) {
	d := reflect.ValueOf(dst).Elem()
	sv := reflect.ValueOf(src).Elem()
	for i := range d.NumField() {
		f := d.Type().Field(i)
		if !f.IsExported() || f.Anonymous {
			continue
		}
		from := sv.FieldByName(f.Name)
		if from.IsValid() && from.Type().AssignableTo(f.Type) {
			d.Field(i).Set(from)
		}
	}
}

// checkTags applies the service rules the model cannot express: the reserved aws: prefix and
// unique keys.
func checkTags(tags []types.Tag) *apiError {
	seen := map[string]bool{}
	for _, t := range tags {
		k := deref(t.Key)
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			return validationf("System prefix 'aws:' reserved for AWS usage in tag key: %s", k)
		}
		if seen[k] {
			return validationf("Duplicate tag key %q: tag keys must be unique per resource.", k)
		}
		seen[k] = true
	}
	return nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func ptr[T any](v T) *T { return &v }

func timePtr(t time.Time) *time.Time { return &t }
