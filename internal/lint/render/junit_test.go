package render

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
)

type junitOut struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			File      string `xml:"file,attr"`
			Line      int    `xml:"line,attr"`
			SystemOut string `xml:"system-out"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestJUnit(t *testing.T) {
	opt, fs := sample(t)
	opt.FailOn = finding.Warning
	out := render(t, "junit", opt, fs)
	if !strings.HasPrefix(out, "<?xml") {
		t.Errorf("no XML header: %q", out[:min(len(out), 40)])
	}
	var got junitOut
	if err := xml.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not XML: %v\n%s", err, out)
	}
	if len(got.Suites) != 2 || got.Suites[0].Name != "dir/sample.yaml" || got.Suites[1].Name != "dir/empty.yaml" {
		t.Fatalf("suites: %+v", got.Suites)
	}
	s := got.Suites[0]
	if s.Tests != 2 || len(s.Cases) != 2 || s.Failures != 1 {
		t.Fatalf("sample suite: %d tests, %d failures, cases %+v", s.Tests, s.Failures, s.Cases)
	}
	ec, ep := s.Cases[0], s.Cases[1]
	if ec.Name != "EndpointConfig churn (document 1)" || ec.Line != 1 || ep.Name != "Endpoint churn (document 2)" {
		t.Errorf("case names: %q (line %d), %q", ec.Name, ec.Line, ep.Name)
	}
	if ec.Failure == nil || ec.Failure.Type != "accelerator-type-deprecated" ||
		!strings.Contains(ec.Failure.Message, "dir/sample.yaml:5:5") || !strings.Contains(ec.Failure.Message, "(and 1 more)") ||
		!strings.Contains(ec.Failure.Text, "dir/sample.yaml:1:1: warning: no KmsKeyId") {
		t.Errorf("failure of the config: %+v", ec.Failure)
	}
	if ep.Failure != nil || !strings.Contains(ep.SystemOut, "9:21: info") {
		t.Errorf("an info finding below --fail-on failed the test: %+v", ep)
	}
	if e := got.Suites[1]; e.Failures != 1 || e.Cases[0].Name != "document 1" {
		t.Errorf("empty file suite: %+v", e)
	}
	if got.Tests != 3 || got.Failures != 2 {
		t.Errorf("totals: %d tests, %d failures", got.Tests, got.Failures)
	}
}

func TestJUnitEscapesMarkup(t *testing.T) {
	opt, _ := sample(t)
	out := render(t, "junit", opt, []finding.Finding{{Rule: "r", Severity: finding.Error, File: "dir/sample.yaml", Line: 1, Col: 1, Message: `<b>&"x"</b>`}})
	var got junitOut
	if err := xml.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("markup in a message broke the XML: %v", err)
	}
	if !strings.Contains(got.Suites[0].Cases[0].Failure.Message, `<b>&"x"</b>`) {
		t.Errorf("message lost: %+v", got.Suites[0].Cases[0].Failure)
	}
}
