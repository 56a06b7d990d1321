package emulator

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sagectl/sagectl/internal/schema"
)

// sameShape maps the members of the read, delete and tag operations whose shape a row of
// the constraints table already describes (a Describe's name, AddTags' tags) to that row.
// The table itself is internal/schema's, the one lint's schema is generated from; its
// service_fields hold the other members of these operations.
var sameShape = map[string]string{
	"DescribeModel:ModelName":                                      "CreateModel:ModelName",
	"DeleteModel:ModelName":                                        "CreateModel:ModelName",
	"DescribeEndpointConfig:EndpointConfigName":                    "CreateEndpointConfig:EndpointConfigName",
	"DeleteEndpointConfig:EndpointConfigName":                      "CreateEndpointConfig:EndpointConfigName",
	"DescribeEndpoint:EndpointName":                                "CreateEndpoint:EndpointName",
	"DeleteEndpoint:EndpointName":                                  "CreateEndpoint:EndpointName",
	"DescribeInferenceComponent:InferenceComponentName":            "CreateInferenceComponent:InferenceComponentName",
	"DeleteInferenceComponent:InferenceComponentName":              "CreateInferenceComponent:InferenceComponentName",
	"UpdateInferenceComponentRuntimeConfig:InferenceComponentName": "CreateInferenceComponent:InferenceComponentName",
	"AddTags:Tags[].Key":                                           "CreateEndpointConfig:Tags[].Key",
	"AddTags:Tags[].Value":                                         "CreateEndpointConfig:Tags[].Value",
}

// constraintTable is the emulator's view of the shared table: lookups by "Op:Path".
type constraintTable map[string]*schema.Constraint

// loadConstraints returns the shared table (parsed once, by internal/schema).
func loadConstraints() (constraintTable, error) {
	cs, err := schema.Constraints()
	return constraintTable(cs), err
}

// lookup returns the row of key, or of the row whose shape it shares, or nil.
func (t constraintTable) lookup(key string) *schema.Constraint {
	if c, ok := t[key]; ok {
		return c
	}
	if from, ok := sameShape[key]; ok {
		return t[from]
	}
	return nil
}

// validate checks a decoded request against the model's constraints (the shared table's
// rows, stepped ranges and integer enums included) and the SDK's enums, and returns the
// real service's "N validation errors detected: ..." message. A request that passes is
// then put to the checks SageMaker makes beyond the model's traits (serviceChecks).
func validate(op string, in any) *apiError {
	cs, err := loadConstraints()
	if err != nil {
		return &apiError{Status: 500, Code: codeInternal, Message: err.Error()}
	}
	v := &validator{cs: cs}
	v.walkStruct(reflect.ValueOf(in).Elem(), op+":", "")
	switch len(v.errs) {
	case 0:
		return serviceChecks(in)
	case 1:
		return validationf("1 validation error detected: %s", v.errs[0])
	}
	return validationf("%d validation errors detected: %s", len(v.errs), strings.Join(v.errs, "; "))
}

type validator struct {
	cs   constraintTable
	errs []string
}

func (v *validator) fail(value any, wire, rule string) {
	shown := "null"
	if value != nil {
		shown = fmt.Sprintf("'%v'", value)
	}
	v.errs = append(v.errs, fmt.Sprintf("Value %s at '%s' failed to satisfy constraint: Member must %s", shown, wire, rule))
}

// walkStruct checks every member of the struct s. key is the constraint key prefix ("Op:" or
// "Op:A.B[]."); wire is the member path as the service prints it ("productionVariants.1.member").
func (v *validator) walkStruct(s reflect.Value, key, wire string) {
	t := s.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Anonymous {
			continue
		}
		fk := key + f.Name
		fw := lowerFirst(f.Name)
		if wire != "" {
			fw = wire + "." + fw
		}
		v.walkValue(s.Field(i), v.cs.lookup(fk), fk, fw)
	}
}

func (v *validator) walkValue(fv reflect.Value, c *schema.Constraint, key, wire string) {
	if absent(fv) {
		if c != nil && c.Required {
			v.fail(nil, wire, "not be null")
		}
		return
	}
	for fv.Kind() == reflect.Pointer {
		fv = fv.Elem()
	}
	if c != nil {
		v.check(fv, &c.Limits, wire)
		v.closedSet(fv, c, wire)
	} else {
		v.check(fv, nil, wire)
	}
	switch fv.Kind() {
	case reflect.Struct:
		if fv.Type() != timeType {
			v.walkStruct(fv, key+".", wire)
		}
	case reflect.Slice:
		for i := range fv.Len() {
			ev := fv.Index(i)
			ew := fmt.Sprintf("%s.%d.member", wire, i+1)
			if ev.Kind() == reflect.Struct {
				v.walkStruct(ev, key+"[].", ew)
			} else if c != nil {
				v.check(ev, c.Items, ew)
			}
		}
	case reflect.Map:
		for it := fv.MapRange(); it.Next(); {
			if c != nil {
				v.check(it.Key(), c.Keys, wire)
				v.check(it.Value(), c.Values, wire)
			}
		}
	}
}

// check applies one value's limits and the SDK enum (if the type has Values()) to a present value.
func (v *validator) check(fv reflect.Value, c *schema.Limits, wire string) {
	if fv.Kind() == reflect.String {
		if vals := enumValues(fv.Type()); vals != nil && !slices.Contains(vals, fv.String()) {
			v.fail(fv.String(), wire, "satisfy enum value set: ["+strings.Join(vals, ", ")+"]")
			return
		}
	}
	if c == nil {
		return
	}
	switch fv.Kind() {
	case reflect.String:
		s := fv.String()
		n := float64(utf8.RuneCountInString(s))
		switch {
		case c.Max != nil && n > *c.Max:
			v.fail(s, wire, fmt.Sprintf("have length less than or equal to %g", *c.Max))
		case c.Min != nil && n < *c.Min:
			v.fail(s, wire, fmt.Sprintf("have length greater than or equal to %g", *c.Min))
		case !c.Match(s):
			v.fail(s, wire, "satisfy regular expression pattern: "+c.ModelPatternText())
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Float32, reflect.Float64:
		n := fv.Convert(reflect.TypeFor[float64]()).Float()
		shown := any(n)
		if fv.CanInt() {
			shown = fv.Int()
		}
		switch {
		case c.Max != nil && n > *c.Max:
			v.fail(shown, wire, fmt.Sprintf("have value less than or equal to %g", *c.Max))
		case c.Min != nil && n < *c.Min:
			v.fail(shown, wire, fmt.Sprintf("have value greater than or equal to %g", *c.Min))
		}
	case reflect.Slice, reflect.Map:
		n := float64(fv.Len())
		switch {
		case c.Max != nil && n > *c.Max:
			v.fail(fmt.Sprintf("[%d items]", fv.Len()), wire, fmt.Sprintf("have length less than or equal to %g", *c.Max))
		case c.Min != nil && n < *c.Min:
			v.fail(fmt.Sprintf("[%d items]", fv.Len()), wire, fmt.Sprintf("have length greater than or equal to %g", *c.Min))
		}
	}
}

// closedSet checks a number against the closed sets the table states: an integer enum
// the SDK has no type for (MetricPublishFrequencyInSeconds), or a documented step within
// the range (serverless MemorySizeInMB: 1024, 2048, ... 6144). The service rejects a
// value outside the set; the message is the model's enum wording, listing the set.
func (v *validator) closedSet(fv reflect.Value, c *schema.Constraint, wire string) {
	if !fv.CanInt() {
		return
	}
	n := float64(fv.Int())
	if c.Min != nil && n < *c.Min || c.Max != nil && n > *c.Max {
		return // the range check has reported it
	}
	set := c.Enum
	if c.Step != nil && *c.Step > 0 && c.Min != nil && c.Max != nil {
		set = nil
		for x := *c.Min; x <= *c.Max; x += *c.Step {
			set = append(set, x)
		}
	}
	if set == nil || slices.Contains(set, n) {
		return
	}
	words := make([]string, len(set))
	for i, x := range set {
		words[i] = strconv.FormatFloat(x, 'f', -1, 64)
	}
	v.fail(fv.Int(), wire, "satisfy enum value set: ["+strings.Join(words, ", ")+"]")
}

// absent reports whether a member was not sent: nil pointer, slice or map, or an empty enum.
func absent(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return v.IsNil()
	case reflect.String:
		return v.String() == ""
	}
	return false
}

var enumCache sync.Map // reflect.Type -> []string (nil slice when the type is no enum)

// enumValues returns the SDK's values for an enum type (types.X("").Values()), or nil.
func enumValues(t reflect.Type) []string {
	if cached, ok := enumCache.Load(t); ok {
		return cached.([]string)
	}
	var vals []string
	if m, ok := t.MethodByName("Values"); ok && t.Kind() == reflect.String && m.Type.NumIn() == 1 && m.Type.NumOut() == 1 {
		out := m.Func.Call([]reflect.Value{reflect.Zero(t)})[0]
		if out.Kind() == reflect.Slice {
			vals = make([]string, 0, out.Len())
			for i := range out.Len() {
				vals = append(vals, out.Index(i).String())
			}
		}
	}
	enumCache.Store(t, vals)
	return vals
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
