package jsonpath

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestParseAndLookup(t *testing.T) {
	var doc any
	if err := json.Unmarshal([]byte(`{"predictions":[{"label":"cat","score":0.9}],"odd key":{"a.b":true},"empty":[]}`), &doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want any
		ok   bool
	}{
		{"$", doc, true},
		{"$.predictions[0].label", "cat", true},
		{"$.predictions[-1].score", 0.9, true},
		{`$['odd key']["a.b"]`, true, true},
		{"$.predictions[1]", nil, false},
		{"$.predictions.label", nil, false},
		{"$[0]", nil, false},
		{"$.empty[-1]", nil, false},
		{"$.missing", nil, false},
		{"$.predictions[0].label.more", nil, false},
	} {
		p, err := Parse(c.path)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.path, err)
		}
		got, ok := p.Lookup(doc)
		if ok != c.ok || (ok && c.path != "$" && got != c.want) {
			t.Errorf("Lookup(%q) = %v, %v; want %v, %v", c.path, got, ok, c.want, c.ok)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for path, want := range map[string]string{
		"":                                     `column 1: a path starts with "$"`,
		"predictions":                          `column 1: a path starts with "$"`,
		"$.":                                   `column 3: a "." is followed by a member name`,
		"$x":                                   `column 2: unexpected 'x'`,
		"$[":                                   `column 3: "[" is followed by an index`,
		"$[1":                                  `column 3: "[" is followed by an index`,
		"$[a]":                                 `column 3: "[" is followed by an index`,
		"$['a'":                                `column 6: a quoted member name is followed by "]"`,
		"$['a":                                 `column 3: the quoted member name is not closed`,
		"$[99999999999999999999]":              "not a small integer",
		"$" + strings.Repeat(".a", maxSteps+1): "more than 256 steps",
	} {
		_, err := Parse(path)
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v; want an *Error containing %q", path, err, want)
		}
	}
}

func TestQuotedEscapes(t *testing.T) {
	p, err := Parse(`$['it\'s']`)
	if err != nil || len(p) != 1 || p[0].Member != "it's" {
		t.Fatalf("Parse = %v, %v; want one member it's", p, err)
	}
}
