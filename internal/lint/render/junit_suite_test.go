package render

import (
	"bytes"
	"encoding/xml"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
)

// TestJUnitSuiteAsEncodingXML: appendSuite writes a testsuite byte for byte as
// encoding/xml does, for cases with and without a failure, output or line, markup and
// control characters in every text, and an empty suite.
func TestJUnitSuiteAsEncodingXML(t *testing.T) {
	opt, fs := sample(t)
	opt.FailOn = finding.Warning
	j := &JUnit{opt: opt, fs: append(fs, finding.Finding{Rule: "r<&>", Severity: finding.Error, File: "dir/sample.yaml", Line: 3, Col: 2,
		Message: "<b>&\"x\"</b> 'q'\ttab\r\x01\ufffd", Hint: "line\nbreak"})}
	suites := []junitSuite{j.suite("dir/sample.yaml", opt.Docs), j.suite("dir/empty.yaml", nil), {Name: "none & <all>"},
		{Name: "x", Cases: []junitCase{{Name: "bare", Classname: "c", File: "f"}, {Name: "out", SystemOut: "o\n", Line: 7}}}}
	for _, s := range suites {
		var want bytes.Buffer
		enc := xml.NewEncoder(&want)
		enc.Indent("  ", "  ")
		if err := enc.EncodeElement(s, xml.StartElement{Name: xml.Name{Local: "testsuite"}}); err != nil {
			t.Fatal(err)
		}
		if got := string(appendSuite(nil, s)); got != want.String() {
			t.Errorf("suite %q:\n%s\nwant:\n%s", s.Name, got, want.String())
		}
	}
}

// TestAppendXMLEscapedAsEncodingXML: the escaping of every text of a suite is
// xml.EscapeText's, for each byte alone and among text, and for mixed strings of
// markup, control characters, multi-byte and invalid UTF-8.
func TestAppendXMLEscapedAsEncodingXML(t *testing.T) {
	var inputs []string
	for c := range 256 {
		inputs = append(inputs, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"b&")
	}
	parts := []string{"x", "<", "&", "\"", "'", ">", "\t", "\n", "\r", "\x00", "\x1f", "\x7f", "é", "\ufffd", "\U0001F600", "\xff", "\xe2\x82", " "}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var s strings.Builder
		for range r.IntN(12) {
			s.WriteString(parts[r.IntN(len(parts))])
		}
		inputs = append(inputs, s.String())
	}
	for _, in := range inputs {
		var want bytes.Buffer
		if err := xml.EscapeText(&want, []byte(in)); err != nil {
			t.Fatal(err)
		}
		if got := string(appendXMLEscaped([]byte("pre"), in)); got != "pre"+want.String() {
			t.Fatalf("appendXMLEscaped(%q) = %q, want %q", in, got, "pre"+want.String())
		}
	}
}
