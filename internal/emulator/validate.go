package emulator

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// constraintsJSON holds the request constraints of the model (required, length, range, pattern),
// keyed "Operation:Member.Path" with "[]" for list items. Extracted from the SageMaker API
// model, which the SDK does not carry: https://github.com/boto/botocore/blob/1.43.67/botocore/data/sagemaker/2017-07-24/service-2.json.
//
//go:embed constraints.json
var constraintsJSON []byte

// constraint is one member's limits. Min and Max bound a string's length, a number's value or a
// list's or map's item count, as the model's min/max traits do.
type constraint struct {
	Type         string      `json:"type"`
	Required     bool        `json:"required"`
	Min          *float64    `json:"min"`
	Max          *float64    `json:"max"`
	Pattern      string      `json:"pattern"`
	ModelPattern string      `json:"model_pattern"`
	Member       *constraint `json:"member"`
	Key          *constraint `json:"key"`
	Value        *constraint `json:"value"`
	re           *regexp.Regexp
}

// shared lists members whose shape another operation's member already describes in
// constraints.json: the same model shapes (EndpointName, TagList, ...) on other operations.
var shared = map[string]string{
	"DescribeModel:ModelName":                   "CreateModel:ModelName",
	"DeleteModel:ModelName":                     "CreateModel:ModelName",
	"DescribeEndpointConfig:EndpointConfigName": "CreateEndpointConfig:EndpointConfigName",
	"DeleteEndpointConfig:EndpointConfigName":   "CreateEndpointConfig:EndpointConfigName",
	"DescribeEndpoint:EndpointName":             "CreateEndpoint:EndpointName",
	"DeleteEndpoint:EndpointName":               "CreateEndpoint:EndpointName",
	"AddTags:Tags":                              "CreateEndpointConfig:Tags",
	"AddTags:Tags[].Key":                        "CreateEndpointConfig:Tags[].Key",
	"AddTags:Tags[].Value":                      "CreateEndpointConfig:Tags[].Value",
}

// extra holds the model constraints of the read and tag operations, which constraints.json
// (written for the create/update requests) does not cover.
var extra = map[string]string{
	"AddTags:ResourceArn":     `{"type":"string","required":true,"max":256,"pattern":"^arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:.+$","model_pattern":"arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:.+"}`,
	"AddTags:Tags":            `{"type":"list","required":true,"min":0,"max":50}`,
	"DeleteTags:TagKeys":      `{"type":"list","required":true,"min":1,"max":50,"member":{"min":1,"max":128,"pattern":"^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$","model_pattern":"^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$"}}`,
	"ListTags:MaxResults":     `{"type":"integer","min":50,"max":100}`,
	"ListModels:MaxResults":   `{"type":"integer","min":1,"max":100}`,
	"ListModels:NameContains": `{"type":"string","max":63,"pattern":"^[a-zA-Z0-9-]+$","model_pattern":"[a-zA-Z0-9-]+"}`,
	"ListModels:NextToken":    `{"type":"string","max":8192}`,
}

var (
	constraintsOnce sync.Once
	constraints     map[string]*constraint
	constraintsErr  error
)

// loadConstraints parses the embedded table once and compiles its patterns.
func loadConstraints() (map[string]*constraint, error) {
	constraintsOnce.Do(func() {
		var file struct {
			Fields map[string]*constraint `json:"fields"`
		}
		if err := json.Unmarshal(constraintsJSON, &file); err != nil {
			constraintsErr = fmt.Errorf("constraints.json: %v", err)
			return
		}
		m := file.Fields
		for k, v := range extra {
			var c constraint
			if err := json.Unmarshal([]byte(v), &c); err != nil {
				constraintsErr = fmt.Errorf("constraint %s: %v", k, err)
				return
			}
			m[k] = &c
		}
		for _, op := range []string{"ListEndpointConfigs", "ListEndpoints"} {
			for _, f := range []string{"MaxResults", "NameContains", "NextToken"} {
				m[op+":"+f] = m["ListModels:"+f]
			}
		}
		m["ListTags:NextToken"] = m["ListModels:NextToken"]
		m["ListTags:ResourceArn"] = m["AddTags:ResourceArn"]
		m["DeleteTags:ResourceArn"] = m["AddTags:ResourceArn"]
		for k, from := range shared {
			if _, ok := m[k]; !ok && m[from] != nil {
				m[k] = m[from]
			}
		}
		for k, c := range m {
			for _, c := range []*constraint{c, c.Member, c.Key, c.Value} {
				if c == nil || c.Pattern == "" || c.re != nil {
					continue
				}
				re, err := regexp.Compile(c.Pattern)
				if err != nil {
					constraintsErr = fmt.Errorf("constraint %s: %v", k, err)
					return
				}
				c.re = re
			}
		}
		constraints = m
	})
	return constraints, constraintsErr
}

// validate checks a decoded request against the model's constraints and the SDK's enums, and
// returns the real service's "N validation errors detected: ..." message, or nil.
func validate(op string, in any) *apiError {
	cs, err := loadConstraints()
	if err != nil {
		return &apiError{Status: 500, Code: codeInternal, Message: err.Error()}
	}
	v := &validator{cs: cs}
	v.walkStruct(reflect.ValueOf(in).Elem(), op+":", "")
	switch len(v.errs) {
	case 0:
		return nil
	case 1:
		return validationf("1 validation error detected: %s", v.errs[0])
	}
	return validationf("%d validation errors detected: %s", len(v.errs), strings.Join(v.errs, "; "))
}

type validator struct {
	cs   map[string]*constraint
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
		v.walkValue(s.Field(i), v.cs[fk], fk, fw)
	}
}

func (v *validator) walkValue(fv reflect.Value, c *constraint, key, wire string) {
	if absent(fv) {
		if c != nil && c.Required {
			v.fail(nil, wire, "not be null")
		}
		return
	}
	for fv.Kind() == reflect.Pointer {
		fv = fv.Elem()
	}
	v.check(fv, c, wire)
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
				v.check(ev, c.Member, ew)
			}
		}
	case reflect.Map:
		for it := fv.MapRange(); it.Next(); {
			if c != nil {
				v.check(it.Key(), c.Key, wire)
				v.check(it.Value(), c.Value, wire)
			}
		}
	}
}

// check applies one constraint and the SDK enum (if the type has Values()) to a present value.
func (v *validator) check(fv reflect.Value, c *constraint, wire string) {
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
		case c.re != nil && !c.re.MatchString(s):
			v.fail(s, wire, "satisfy regular expression pattern: "+c.ModelPattern)
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
