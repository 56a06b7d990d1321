package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// sample is a two-document file and the findings a lint of it might give.
const sampleSrc = `kind: EndpointConfig
EndpointConfigName: churn
ProductionVariants:
  - VariantName: main
    AcceleratorType: ml.eia2.medium
---
kind: Endpoint
EndpointName: churn
EndpointConfigName: churn
`

func sample(t *testing.T) (Options, []finding.Finding) {
	t.Helper()
	f, docs, fs := manifest.Parse("dir/sample.yaml", []byte(sampleSrc))
	if len(fs) != 0 || len(docs) != 2 {
		t.Fatalf("sample does not parse: %v", fs)
	}
	opt := Options{
		Source: func(p string) *manifest.File {
			if p == f.Path {
				return f
			}
			return nil
		},
		Files: []string{f.Path, "dir/empty.yaml"},
		Docs:  docs,
		Rules: func() []RuleDoc {
			return []RuleDoc{{ID: "accelerator-type-deprecated", Severity: finding.Error, Summary: "no EI", Why: "retired", Sources: []string{"API: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html"}, Fix: "remove it", Bad: "a: 1\n", BadOutput: "out\n", Good: "b: 1\n"}}
		},
	}
	fs = []finding.Finding{
		{Rule: "accelerator-type-deprecated", Severity: finding.Error, File: f.Path, Line: 5, Col: 5, EndLine: 5, EndCol: 19, Path: "/ProductionVariants/0/AcceleratorType", Message: "AcceleratorType is retired", Hint: "remove it"},
		{Rule: "kms-default-key", Severity: finding.Warning, File: f.Path, Line: 1, Col: 1, Message: "no KmsKeyId, key: default"},
		{Rule: "reference", Severity: finding.Info, File: f.Path, Line: 9, Col: 21, Doc: 1, Message: "config, 50% of traffic\nnext line"},
		{Rule: "manifest-document", Severity: finding.Warning, File: "dir/empty.yaml", Line: 0, Col: 0, Message: "file is empty"},
	}
	return opt, fs
}

// render runs a format over fs and returns its output.
func render(t *testing.T, name string, opt Options, fs []finding.Finding) string {
	t.Helper()
	var b bytes.Buffer
	opt.W = &b
	r, err := New(name, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if err := r.Write(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestNewRejectsUnknownFormat(t *testing.T) {
	_, err := New("xml", Options{})
	if err == nil {
		t.Fatal("New accepted an unknown format")
	}
	for _, n := range []string{"text", "json", "sarif", "junit", "github", `"xml"`} {
		if !strings.Contains(err.Error(), n) {
			t.Errorf("error %q does not mention %s", err, n)
		}
	}
}

func TestEveryFormatHandlesNoFindings(t *testing.T) {
	for _, n := range Formats() {
		t.Run(n, func(t *testing.T) {
			opt, _ := sample(t)
			out := render(t, n, opt, nil)
			if n != "text" && n != "github" && out == "" {
				t.Errorf("%s wrote nothing for an empty run", n)
			}
		})
	}
}

func TestTextSnippetAndHint(t *testing.T) {
	opt, fs := sample(t)
	out := render(t, "text", opt, fs[:1])
	want := "dir/sample.yaml:5:5: error: AcceleratorType is retired [accelerator-type-deprecated]\n" +
		"     5 |     AcceleratorType: ml.eia2.medium\n" +
		"       |     ^~~~~~~~~~~~~~~\n" +
		"       = hint: remove it\n"
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}
