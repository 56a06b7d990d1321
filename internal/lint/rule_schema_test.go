package lint_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/lint"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/schema"
)

// schemaFindings lints src and keeps the findings of the schema rules, as
// "line:col severity rule path: message".
func schemaFindings(t *testing.T, src string, opt lint.Options) []string {
	t.Helper()
	f, docs, fs := manifest.Parse("m.yaml", []byte(src))
	for _, x := range fs {
		t.Fatalf("loader: %s", x)
	}
	set := &manifest.Set{Files: []*manifest.File{f}, Docs: docs}
	var out []string
	for _, x := range lint.Check(set, nil, opt) {
		if strings.HasPrefix(x.Rule, "schema-") || x.Rule == "instance-type-unknown" {
			out = append(out, fmt.Sprintf("%d:%d %s %s %s: %s", x.Line, x.Col, x.Severity, x.Rule, x.Path, x.Message))
		}
	}
	return out
}

func TestSchemaFindingPositions(t *testing.T) {
	src := `kind: EndpointConfig
EndpointConfigName: c
ProductionVariants:
  - ModelName: m
    InstanceTyp: ml.m5.large
    InitialInstanceCount: "1"
  - VariantName: b
    InstanceType: ml.m9.large
    InitialInstanceCount: 1
---
kind: Endpoint
EndpointName: e
`
	want := []string{
		// the missing field: at the list item (its first key)
		`4:5 error schema-required /ProductionVariants/0: ProductionVariants[0] lacks the required field VariantName`,
		// the unknown field: at its key
		`5:5 error schema-unknown-field /ProductionVariants/0/InstanceTyp: unknown field "InstanceTyp" in ProductionVariants[0]; did you mean "InstanceType"?`,
		// a wrong value: at the value
		`6:27 error schema-type /ProductionVariants/0/InitialInstanceCount: InitialInstanceCount must be an integer, got string "1"`,
		`8:19 warning instance-type-unknown /ProductionVariants/1/InstanceType: unknown InstanceType "ml.m9.large": not in this SDK's list of 277; did you mean "ml.m5.large"?`,
		// a field missing from the document: at the document
		`11:1 error schema-required : Endpoint lacks the required field EndpointConfigName`,
	}
	got := schemaFindings(t, src, lint.Options{})
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSchemaDocumentWithoutKind: a document without kind is checked as an EndpointConfig.
func TestSchemaDocumentWithoutKind(t *testing.T) {
	got := schemaFindings(t, "EndpointConfigName: c\nProductionVariants: [{VariantName: v, ModelName: m, InstanceType: ml.m5.large, InitialInstanceCount: 1, Weight: 1}]\n", lint.Options{})
	if len(got) != 1 || !strings.Contains(got[0], `schema-unknown-field`) || !strings.Contains(got[0], `"Weight"`) {
		t.Errorf("got %q", got)
	}
}

// TestSchemaSeverityOverride: configured severities apply per schema rule.
func TestSchemaSeverityOverride(t *testing.T) {
	src := "EndpointConfigName: c\nProductionVariants: [{VariantName: v, ModelName: m, InstanceType: ml.m9.large, InitialInstanceCount: 1}]\n"
	got := schemaFindings(t, src, lint.Options{Severity: map[string]finding.Severity{"instance-type-unknown": finding.Error}})
	if len(got) != 1 || !strings.Contains(got[0], "error instance-type-unknown") {
		t.Errorf("got %q", got)
	}
}

// TestSchemaRuleSubset: running one schema rule reports only its findings.
func TestSchemaRuleSubset(t *testing.T) {
	src := "EndpointConfigName: c_d\nProductionVariants: [{VariantName: v, ModelName: m, InstanceType: ml.m5.large, InitialInstanceCount: 0, X: 1}]\n"
	got := schemaFindings(t, src, lint.Options{Rules: []lint.Rule{lint.Lookup("schema-range")}})
	if len(got) != 1 || !strings.Contains(got[0], "InitialInstanceCount 0 is below the minimum 1") {
		t.Errorf("got %q", got)
	}
}

// TestSchemaOneFindingPerError: every schema error becomes exactly one finding.
func TestSchemaOneFindingPerError(t *testing.T) {
	src := "kind: Model\nModelName: m_\nExecutionRoleArn: x\nPrimaryContainer: {Image: 5, Environment: {a-b: 1}, Modee: SingleModel}\nTags: [{Key: k}, 3]\n"
	_, docs, _ := manifest.Parse("m.yaml", []byte(src))
	v, err := manifest.ToValue(docs[0].Body)
	if err != nil {
		t.Fatal(err)
	}
	errs := schema.Validate("Model", v)
	got := schemaFindings(t, src, lint.Options{})
	if len(errs) < 7 || len(got) != len(errs) {
		t.Errorf("%d schema errors, %d findings:\n%s", len(errs), len(got), strings.Join(got, "\n"))
	}
}

// TestSchemaRevalidatesEditedDocument: a second lint of an edited document sees the edit.
func TestSchemaRevalidatesEditedDocument(t *testing.T) {
	f, docs, _ := manifest.Parse("m.yaml", []byte("EndpointConfigName: c\nProductionVariants: [{VariantName: v, ModelName: m, InstanceType: ml.m5.large, InitialInstanceCount: 0}]\n"))
	set := &manifest.Set{Files: []*manifest.File{f}, Docs: docs}
	opt := lint.Options{Rules: []lint.Rule{lint.Lookup("schema-range")}}
	if n := len(lint.Check(set, nil, opt)); n != 1 {
		t.Fatalf("before the edit: %d findings, want 1", n)
	}
	n, _ := manifest.At(docs[0].Body, "/ProductionVariants/0/InitialInstanceCount")
	n.Value = "3"
	if fs := lint.Check(set, nil, opt); len(fs) != 0 {
		t.Errorf("after the edit: %v", fs)
	}
}

// TestSchemaManyDocuments: with enough documents to lint in parallel, every document
// gets exactly its own schema findings (run with -race).
func TestSchemaManyDocuments(t *testing.T) {
	var b strings.Builder
	const n = 300
	for i := range n {
		fmt.Fprintf(&b, "---\nEndpointConfigName: c%d\nProductionVariants: [{VariantName: v, ModelName: m, InstanceType: ml.m5.large, InitialInstanceCount: %d}]\n", i, i%2)
	}
	f, docs, fs := manifest.Parse("many.yaml", []byte(b.String()))
	if len(fs) > 0 || len(docs) != n {
		t.Fatalf("parsed %d documents, findings %v", len(docs), fs)
	}
	set := &manifest.Set{Files: []*manifest.File{f}, Docs: docs}
	got := lint.Check(set, nil, lint.Options{Rules: []lint.Rule{lint.Lookup("schema-range"), lint.Lookup("schema-type")}})
	if len(got) != n/2 {
		t.Fatalf("got %d findings, want %d", len(got), n/2)
	}
	for _, x := range got {
		if x.Doc%2 != 0 || x.Rule != "schema-range" {
			t.Errorf("unexpected finding in document %d: %s", x.Doc, x)
		}
	}
}
