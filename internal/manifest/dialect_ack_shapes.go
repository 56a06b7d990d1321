package manifest

import (
	"reflect"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
)

// shape is the structure of an API value, read from the AWS SDK's request types so
// that ACK's field names map onto the API's without a hand-written table.
type shape struct {
	fields map[string]field // a structure: its fields by lower-case name
	items  *shape           // a list: its elements
	values *shape           // a map: its values
}

type field struct {
	name  string // the API's spelling
	shape *shape // nil for a scalar
}

// kindRequests lists the SDK request types whose fields a document of each kind may carry.
var kindRequests = map[Kind][]any{
	KindModel:          {sagemaker.CreateModelInput{}},
	KindEndpointConfig: {sagemaker.CreateEndpointConfigInput{}},
	KindEndpoint: {sagemaker.CreateEndpointInput{}, sagemaker.UpdateEndpointInput{},
		sagemaker.UpdateEndpointWeightsAndCapacitiesInput{}},
}

var shapes = struct {
	once  sync.Once
	kinds map[Kind]*shape
}{}

// apiShape returns the shape of a request of kind k (built once, on first use).
func apiShape(k Kind) *shape {
	shapes.once.Do(func() {
		shapes.kinds = map[Kind]*shape{}
		seen := map[reflect.Type]*shape{}
		for kind, reqs := range kindRequests {
			s := &shape{fields: map[string]field{}}
			for _, r := range reqs {
				for name, f := range shapeOf(reflect.TypeOf(r), seen).fields {
					if _, dup := s.fields[name]; !dup {
						s.fields[name] = f
					}
				}
			}
			shapes.kinds[kind] = s
		}
	})
	return shapes.kinds[k]
}

// shapeOf reads the shape of an SDK type; seen memoises shapes (and breaks cycles).
func shapeOf(t reflect.Type, seen map[reflect.Type]*shape) *shape {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if s, ok := seen[t]; ok {
		return s
	}
	switch t.Kind() {
	case reflect.Struct:
		s := &shape{fields: map[string]field{}}
		seen[t] = s
		for i := range t.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() || sf.Anonymous {
				continue
			}
			s.fields[strings.ToLower(sf.Name)] = field{name: sf.Name, shape: shapeOf(sf.Type, seen)}
		}
		return s
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil // a blob
		}
		return &shape{items: shapeOf(t.Elem(), seen)}
	case reflect.Map:
		return &shape{values: shapeOf(t.Elem(), seen)}
	}
	return nil // a scalar, an enum, or a union (interface): not renamed below
}
