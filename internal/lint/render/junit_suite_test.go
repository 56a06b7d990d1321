package render

import (
	"bytes"
	"encoding/xml"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// TestJUnitSuiteAsEncodingXML: a testsuite is written byte for byte as encoding/xml
// writes it, for cases with and without a failure, output or line, markup and control
// characters in every text, and an empty suite; and writeSuite writes a file's suite,
// in chunks, as the suite of its cases.
func TestJUnitSuiteAsEncodingXML(t *testing.T) {
	opt, fs := sample(t)
	opt.FailOn = finding.Warning
	j := &JUnit{opt: opt, fs: append(fs, finding.Finding{Rule: "r<&>", Severity: finding.Error, File: "dir/sample.yaml", Line: 3, Col: 2,
		Message: "<b>&\"x\"</b> 'q'\ttab\r\x01\ufffd", Hint: "line\nbreak"})}
	suites := []junitSuite{suiteOf(j, "dir/sample.yaml", opt.Docs), suiteOf(j, "dir/empty.yaml", nil), {Name: "none & <all>"},
		{Name: "x", Cases: []junitCase{{Name: "bare", Classname: "c", File: "f"}, {Name: "out", SystemOut: "o\n", Line: 7}}}}
	for _, s := range suites {
		want := encodingXML(t, s)
		if got := string(encodeSuite(s)); got != want {
			t.Errorf("suite %q:\n%s\nwant:\n%s", s.Name, got, want)
		}
	}
	for _, path := range []string{"dir/sample.yaml", "dir/empty.yaml"} {
		var got bytes.Buffer
		w := &JUnit{opt: j.opt, fs: j.fs}
		if err := w.writeSuite(path, opt.Docs); err != nil {
			t.Fatal(err)
		}
		if err := w.suites.copyTo(&got); err != nil {
			t.Fatal(err)
		}
		if want := "\n" + encodingXML(t, suiteOf(j, path, opt.Docs)); got.String() != want {
			t.Errorf("writeSuite(%s):\n%s\nwant:\n%s", path, got.String(), want)
		}
	}
}

// TestJUnitHugeSuiteIsWrittenInChunks: the suite of a file of many documents goes to the
// spool as it is encoded, with its counts first.
func TestJUnitHugeSuiteIsWrittenInChunks(t *testing.T) {
	const n = 5000
	j := &JUnit{opt: Options{FailOn: finding.Error}}
	for i := range n {
		j.fs = append(j.fs, finding.Finding{Rule: "r", Severity: finding.Error, File: "big.yaml", Line: 2*i + 1, Col: 1, Doc: i, Message: "m"})
	}
	if err := j.writeSuite("big.yaml", nil); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := j.suites.copyTo(&got); err != nil {
		t.Fatal(err)
	}
	if cap(j.buf) > 2*suiteChunk || got.Len() < 4*suiteChunk {
		t.Errorf("buffer of %d bytes for a suite of %d: want it bounded by the chunk", cap(j.buf), got.Len())
	}
	if !strings.HasPrefix(got.String(), "\n  <testsuite name=\"big.yaml\" tests=\"5000\" failures=\"5000\"") || strings.Count(got.String(), "<testcase ") != n || j.tests != n || j.failures != n {
		t.Errorf("suite starts %.80q, %d cases, totals %d/%d", got.String(), strings.Count(got.String(), "<testcase "), j.tests, j.failures)
	}
}

// suiteOf is the testsuite writeSuite writes for path, as a value encoding/xml encodes.
func suiteOf(j *JUnit, path string, docs []*manifest.Document) junitSuite {
	s := junitSuite{Name: j.opt.rel(path)}
	j.cases(path, docs)(func(i int, d *manifest.Document, fs []int) {
		c := j.testcase(s.Name, i, d, fs)
		if c.Failure != nil {
			s.Failures++
		}
		s.Cases = append(s.Cases, c)
	})
	s.Tests = len(s.Cases)
	return s
}

// encodeSuite is s written by appendSuiteStart, appendCase and appendSuiteEnd.
func encodeSuite(s junitSuite) []byte {
	b := appendSuiteStart(nil, s)
	for _, c := range s.Cases {
		b = appendCase(b, c)
	}
	return appendSuiteEnd(b, len(s.Cases) > 0)
}

// encodingXML is s as encoding/xml writes it as one testsuite of a document.
func encodingXML(t *testing.T, s junitSuite) string {
	t.Helper()
	var want bytes.Buffer
	enc := xml.NewEncoder(&want)
	enc.Indent("  ", "  ")
	if err := enc.EncodeElement(s, xml.StartElement{Name: xml.Name{Local: "testsuite"}}); err != nil {
		t.Fatal(err)
	}
	return want.String()
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
