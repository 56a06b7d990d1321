package render

import (
	"bytes"
	"encoding/xml"
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
