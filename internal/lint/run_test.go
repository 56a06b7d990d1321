package lint_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/config"
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/lint"
	"github.com/sagectl/sagectl/internal/manifest"
)

// A manifest with a loader finding (a document with no recognisable kind) and a rule
// finding (a deprecated accelerator, an error; an unresolved model, info).
const (
	noKind    = "ModelName: churn\n" // meant as a manifest (a request field), kind unknown
	eiaConfig = `kind: EndpointConfig
EndpointConfigName: eia
KmsKeyId: alias/sagemaker-prod
ProductionVariants:
  - VariantName: main
    ModelName: m
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    AcceleratorType: ml.eia2.medium
`
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func rulesOfFindings(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+"@"+f.Severity.String())
	}
	return out
}

// TestRunLoadsChecksAndSorts: the loader's and the rules' findings come back together,
// in one sorted list, and Errors picks the errors only.
func TestRunLoadsChecksAndSorts(t *testing.T) {
	dir := writeTree(t, map[string]string{"b.yaml": noKind, "a.yaml": eiaConfig})
	res, err := lint.Run(lint.Input{Paths: []string{dir}}, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Set.Files) != 2 {
		t.Fatalf("files: %d", len(res.Set.Files))
	}
	sorted := slices.Clone(res.Findings)
	finding.Sort(sorted)
	if !reflect.DeepEqual(sorted, res.Findings) {
		t.Errorf("not sorted: %v", res.Findings)
	}
	got := rulesOfFindings(res.Findings)
	if !slices.Contains(got, "manifest-kind@error") || !slices.Contains(got, "accelerator-type-deprecated@error") {
		t.Errorf("want the loader's and a rule's finding: %v", got)
	}
	for _, f := range res.Errors() {
		if f.Severity != finding.Error {
			t.Errorf("Errors returned %v", f)
		}
	}
	if len(res.Errors()) == 0 || len(res.Errors()) == len(res.Findings) {
		t.Errorf("Errors: %d of %d", len(res.Errors()), len(res.Findings))
	}
}

// TestRunSkip: a skipped file is not read at all.
func TestRunSkip(t *testing.T) {
	dir := writeTree(t, map[string]string{"keep/a.yaml": eiaConfig, "drop/b.yaml": noKind})
	skip := func(p string) bool { return strings.Contains(p, "drop") }
	res, err := lint.Run(lint.Input{Paths: []string{dir}, Skip: skip}, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Set.Files) != 1 || strings.Contains(res.Set.Files[0].Path, "drop") {
		t.Errorf("files: %v", res.Set.Files)
	}
	if slices.Contains(rulesOfFindings(res.Findings), "manifest-kind@error") {
		t.Errorf("a skipped file was linted: %v", res.Findings)
	}
}

// TestRunUnreadablePath: a path that does not exist is an error naming it.
func TestRunUnreadablePath(t *testing.T) {
	_, err := lint.Run(lint.Input{Paths: []string{"no/such/dir"}}, lint.Options{})
	if err == nil || !strings.Contains(err.Error(), "no/such/dir") {
		t.Errorf("err = %v", err)
	}
}

// TestOptionsForConfiguresEveryFinding: a configuration's severities and disabled rules
// reach the loader's findings as they reach the rules'.
func TestOptionsForConfiguresEveryFinding(t *testing.T) {
	var ids []string
	for _, r := range lint.Registry() {
		ids = append(ids, r.Info().ID)
	}
	cfg, fs := config.Parse(".sagectl.yaml", []byte("rules:\n  manifest-kind: warning\n  accelerator-type-deprecated: off\n"), ids)
	if len(fs) > 0 {
		t.Fatal(fs)
	}
	dir := writeTree(t, map[string]string{"a.yaml": eiaConfig, "b.yaml": noKind})
	res, err := lint.Run(lint.Input{Paths: []string{dir}}, lint.OptionsFor(cfg))
	if err != nil {
		t.Fatal(err)
	}
	got := rulesOfFindings(res.Findings)
	if !slices.Contains(got, "manifest-kind@warning") || slices.Contains(got, "manifest-kind@error") {
		t.Errorf("the loader's finding kept its default severity: %v", got)
	}
	if slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "accelerator-type-deprecated@") }) {
		t.Errorf("a disabled rule reported: %v", got)
	}
	if len(res.Errors()) != 0 {
		t.Errorf("errors left: %v", res.Errors())
	}
}

// TestOptionsForDisablesLoaderRules: turning a loader rule off drops its findings.
func TestOptionsForDisablesLoaderRules(t *testing.T) {
	var ids []string
	for _, r := range lint.Registry() {
		ids = append(ids, r.Info().ID)
	}
	cfg, _ := config.Parse(".sagectl.yaml", []byte("rules:\n  manifest-kind: off\n"), ids)
	dir := writeTree(t, map[string]string{"b.yaml": noKind})
	res, err := lint.Run(lint.Input{Paths: []string{dir}}, lint.OptionsFor(cfg))
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(res.Findings, func(f finding.Finding) bool { return f.Rule == "manifest-kind" }) {
		t.Errorf("disabled loader rule reported: %v", res.Findings)
	}
}

// TestRunContextResolvesReferences: with the repository's names as Options.Context, a
// reference to a Model defined only outside the linted files is no finding, and the
// other file's findings are not reported.
func TestRunContextResolvesReferences(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"config.yaml": "kind: EndpointConfig\nEndpointConfigName: c\nKmsKeyId: alias/k\nProductionVariants:\n  - VariantName: v\n    ModelName: churn\n    InstanceType: ml.m5.large\n    InitialInstanceCount: 1\n",
		"model.yaml":  "kind: Model\nModelName: churn\nPrimaryContainer: {Image: x}\n", // lacks ExecutionRoleArn: not reported
	})
	in := lint.Input{Paths: []string{filepath.Join(dir, "config.yaml")}}
	res, err := lint.Run(in, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := rulesOfFindings(res.Findings); !slices.Contains(got, "unresolved-model-name@info") {
		t.Fatalf("without context: %v, want the unresolved-model-name info", got)
	}
	res, err = lint.Run(in, lint.Options{Context: manifest.IndexRepo(dir, nil)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 {
		t.Errorf("with context: %v, want none", rulesOfFindings(res.Findings))
	}
}
