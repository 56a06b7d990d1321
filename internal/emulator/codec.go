package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"time"
)

// The codec maps JSON 1.1 documents onto the aws-sdk-go-v2 structs by reflection: a JSON member
// name is the Go field name (the SDK names fields after the model's members), timestamps are
// epoch seconds, and absent members stay nil. Encoding is the mirror image: nil pointers, nil
// slices and empty enum strings are left out, so a response holds exactly what was set.

var timeType = reflect.TypeFor[time.Time]()

// decodeJSON decodes body into dst, a pointer to an SDK struct. Errors name the member path.
func decodeJSON(body []byte, dst any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return fmt.Errorf("request body is not valid JSON: %v", err)
	}
	if dec.More() {
		return fmt.Errorf("request body has data after the JSON document")
	}
	return assign(reflect.ValueOf(dst).Elem(), doc, "")
}

// assign stores the generic JSON value src into dst; path names the member for errors.
func assign(dst reflect.Value, src any, path string) error {
	if src == nil {
		return nil // a JSON null is an absent member
	}
	t := dst.Type()
	switch {
	case t.Kind() == reflect.Pointer:
		v := reflect.New(t.Elem())
		if err := assign(v.Elem(), src, path); err != nil {
			return err
		}
		dst.Set(v)
		return nil
	case t == timeType:
		return assignTime(dst, src, path)
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := src.(map[string]any)
		if !ok {
			return typeError(path, "an object", src)
		}
		for k, v := range m {
			f, ok := t.FieldByName(k)
			if !ok || !f.IsExported() || len(f.Index) != 1 || k == "ResultMetadata" {
				return fmt.Errorf("unknown member %q at %s", k, where(path))
			}
			if err := assign(dst.FieldByIndex(f.Index), v, join(path, k)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		list, ok := src.([]any)
		if !ok {
			return typeError(path, "a list", src)
		}
		s := reflect.MakeSlice(t, len(list), len(list))
		for i, v := range list {
			if err := assign(s.Index(i), v, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		dst.Set(s)
	case reflect.Map:
		m, ok := src.(map[string]any)
		if !ok || t.Key().Kind() != reflect.String {
			return typeError(path, "an object", src)
		}
		out := reflect.MakeMapWithSize(t, len(m))
		for k, v := range m {
			ev := reflect.New(t.Elem()).Elem()
			if err := assign(ev, v, join(path, k)); err != nil {
				return err
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
		dst.Set(out)
	case reflect.String:
		s, ok := src.(string)
		if !ok {
			return typeError(path, "a string", src)
		}
		dst.SetString(s)
	case reflect.Bool:
		b, ok := src.(bool)
		if !ok {
			return typeError(path, "a boolean", src)
		}
		dst.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := src.(json.Number)
		if !ok {
			return typeError(path, "an integer", src)
		}
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || dst.OverflowInt(i) {
			return fmt.Errorf("%s: %s is not an integer in range", where(path), n)
		}
		dst.SetInt(i)
	case reflect.Float32, reflect.Float64:
		n, ok := src.(json.Number)
		if !ok {
			return typeError(path, "a number", src)
		}
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil || dst.OverflowFloat(f) {
			return fmt.Errorf("%s: %s is not a number in range", where(path), n)
		}
		dst.SetFloat(f)
	default:
		return fmt.Errorf("%s: members of type %s are not supported by the emulator", where(path), t)
	}
	return nil
}

// assignTime accepts epoch seconds (what the SDK and the AWS CLI send) or an RFC 3339 string.
func assignTime(dst reflect.Value, src any, path string) error {
	switch v := src.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(v), 64)
		if err != nil || math.IsInf(f, 0) || math.Abs(f) > 1e11 {
			return fmt.Errorf("%s: %s is not a timestamp in epoch seconds", where(path), v)
		}
		sec, frac := math.Modf(f)
		dst.Set(reflect.ValueOf(time.Unix(int64(sec), int64(frac*1e9)).UTC()))
	case string:
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return fmt.Errorf("%s: %q is not a timestamp (epoch seconds or RFC 3339)", where(path), v)
		}
		dst.Set(reflect.ValueOf(t.UTC()))
	default:
		return typeError(path, "a timestamp", src)
	}
	return nil
}

func typeError(path, want string, got any) error {
	kind := "a " + fmt.Sprintf("%T", got)
	switch got.(type) {
	case string:
		kind = "a string"
	case json.Number:
		kind = "a number"
	case bool:
		kind = "a boolean"
	case []any:
		kind = "a list"
	case map[string]any:
		kind = "an object"
	}
	return fmt.Errorf("%s must be %s, not %s", where(path), want, kind)
}

func where(path string) string {
	if path == "" {
		return "the top level"
	}
	return path
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// encodeJSON renders v (an SDK struct or pointer to one) as a JSON 1.1 document.
func encodeJSON(v any) ([]byte, error) {
	doc, ok := encodeValue(reflect.ValueOf(v), true)
	if !ok {
		doc = map[string]any{}
	}
	return json.Marshal(doc)
}

// encodeValue returns the JSON form of v and whether it is present. keep is true for values
// reached through a pointer: a set pointer to "" or 0 is a value the client chose to send.
func encodeValue(v reflect.Value, keep bool) (any, bool) {
	if !v.IsValid() {
		return nil, false
	}
	t := v.Type()
	if t == timeType {
		t := v.Interface().(time.Time)
		return json.Number(strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', -1, 64)), true
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil, false
		}
		return encodeValue(v.Elem(), true)
	case reflect.Struct:
		out := map[string]any{}
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || f.Anonymous || f.Name == "ResultMetadata" {
				continue
			}
			if fv, ok := encodeValue(v.Field(i), false); ok {
				out[f.Name] = fv
			}
		}
		return out, true
	case reflect.Slice:
		if v.IsNil() {
			return nil, false
		}
		out := make([]any, 0, v.Len())
		for i := range v.Len() {
			ev, _ := encodeValue(v.Index(i), true)
			out = append(out, ev)
		}
		return out, true
	case reflect.Map:
		if v.IsNil() {
			return nil, false
		}
		out := map[string]any{}
		for it := v.MapRange(); it.Next(); {
			ev, _ := encodeValue(it.Value(), true)
			out[it.Key().String()] = ev
		}
		return out, true
	case reflect.String:
		return v.String(), keep || v.String() != ""
	case reflect.Bool:
		return v.Bool(), keep || v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return json.Number(strconv.FormatInt(v.Int(), 10)), keep || v.Int() != 0
	case reflect.Float32:
		return json.Number(strconv.FormatFloat(v.Float(), 'g', -1, 32)), keep || v.Float() != 0
	case reflect.Float64:
		return json.Number(strconv.FormatFloat(v.Float(), 'g', -1, 64)), keep || v.Float() != 0
	}
	return nil, false
}
