package schema

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
)

// node is one compiled schema object. Limits a schema does not set are none (-1) or nil.
type node struct {
	loc string // JSON pointer of the schema object in sagectl.schema.json
	typ jsonType

	consts  []any           // const, as a one-value list
	enum    []any           // enum values (strings, json.Number, bool, nil)
	enumSet map[string]bool // the string values of a long enum, for lookup

	required      []string
	properties    map[string]*node
	closed        bool  // additionalProperties: false
	additional    *node // additionalProperties: {schema}
	propertyNames *node
	minProperties int
	maxProperties int

	items              *node
	minItems, maxItems int

	minLength, maxLength int
	pattern              *pattern

	minimum, maximum *bound

	ref   *definition // $ref: validated in place after the keywords above
	anyOf []*node     // branches
	open  *openEnum
}

// openEnum is the x-sagectl-warnUnknown keyword: a value of the form that is not
// known is valid, and reported as a warning.
type openEnum struct {
	known map[string]bool
	form  *pattern
}

// jsonType is a JSON Schema type; anyType when a schema sets none.
type jsonType uint8

const (
	anyType jsonType = iota
	objectType
	arrayType
	stringType
	integerType
	numberType
	booleanType
	nullType
)

func parseType(s string) (jsonType, error) {
	switch s {
	case "object":
		return objectType, nil
	case "array":
		return arrayType, nil
	case "string":
		return stringType, nil
	case "integer":
		return integerType, nil
	case "number":
		return numberType, nil
	case "boolean":
		return booleanType, nil
	case "null":
		return nullType, nil
	}
	return anyType, fmt.Errorf("unknown type %q", s)
}

// hasType reports whether v (a plain JSON value with json.Number numbers) is of type t.
// An integer is a number with no fraction, however it is written (2, 2.0, 2e0).
func hasType(t jsonType, v any) bool {
	switch x := v.(type) {
	case map[string]any:
		return t == objectType
	case []any:
		return t == arrayType
	case string:
		return t == stringType
	case bool:
		return t == booleanType
	case nil:
		return t == nullType
	case json.Number:
		if t == numberType {
			return true
		}
		return t == integerType && isInteger(x)
	}
	return false
}

func isInteger(n json.Number) bool {
	if _, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return true
	}
	r, ok := new(big.Rat).SetString(string(n))
	return ok && r.IsInt()
}

// bound is a minimum or maximum: an int64 when it is one, else an exact rational.
type bound struct {
	i     int64
	isInt bool
	r     *big.Rat
}

// parseBound reads the value of a minimum or maximum keyword.
func parseBound(v any) (*bound, error) {
	n, ok := v.(json.Number)
	if !ok {
		return nil, fmt.Errorf("want a number, not %s", describe(v))
	}
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return &bound{i: i, isInt: true, r: new(big.Rat).SetInt64(i)}, nil
	}
	r, ok := new(big.Rat).SetString(string(n))
	if !ok {
		return nil, fmt.Errorf("%s is not a number sagectl can compare", n)
	}
	return &bound{r: r}, nil
}

// cmp compares the number n with b: -1, 0 or +1; ok is false when n is not a number
// (a YAML value tagged !!int that is not one).
func (b *bound) cmp(n json.Number) (c int, ok bool) {
	if b.isInt {
		if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
			switch {
			case i < b.i:
				return -1, true
			case i > b.i:
				return 1, true
			}
			return 0, true
		}
	}
	r, ok := new(big.Rat).SetString(string(n))
	if !ok {
		return 0, false
	}
	return r.Cmp(b.r), true
}

// equal reports whether the plain value v equals the scalar schema value want.
func equal(v, want any) bool {
	switch w := want.(type) {
	case string:
		s, ok := v.(string)
		return ok && s == w
	case json.Number:
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		if n == w {
			return true
		}
		a, errA := strconv.ParseInt(string(n), 10, 64)
		b, errB := strconv.ParseInt(string(w), 10, 64)
		if errA == nil && errB == nil {
			return a == b
		}
		x, okX := new(big.Rat).SetString(string(n))
		y, okY := new(big.Rat).SetString(string(w))
		return okX && okY && x.Cmp(y) == 0
	case bool:
		b, ok := v.(bool)
		return ok && b == w
	case nil:
		return v == nil
	}
	return false
}
