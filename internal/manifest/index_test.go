package manifest

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
)

// TestScanNamesAgreesWithParse: on every manifest of the corpus that is valid YAML, the
// cheap scan finds exactly the names a full parse does, or declines and leaves the file
// to Parse. (In a file with a syntax error the scan may still read names a parse loses:
// the index is context, and the file reports its own error when linted.)
func TestScanNamesAgreesWithParse(t *testing.T) {
	var paths []string
	for _, g := range []string{"../../testdata/lint/*/*.yaml", "../../testdata/*/*.yaml", "../../examples/*.yaml", "../../examples/*/*.yaml", "../../examples/*.json"} {
		m, _ := filepath.Glob(g)
		paths = append(paths, m...)
	}
	scanned := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := scanNames(data)
		if !ok {
			continue
		}
		_, docs, fs := Parse(p, data)
		if slices.ContainsFunc(fs, func(f finding.Finding) bool { return f.Rule == RuleSyntax }) {
			continue
		}
		scanned++
		var want []NamedIn
		for _, d := range docs {
			if n := d.Name(); n != "" {
				want = append(want, NamedIn{d.Kind, n})
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: scan %v, parse %v", p, got, want)
		}
	}
	if scanned < len(paths)/2 {
		t.Errorf("the scan read only %d of %d files: the index would parse most", scanned, len(paths))
	}
	t.Logf("scanned %d of %d files, the rest parsed", scanned, len(paths))
}

// TestIndexRepo: names come from native, kind-less, JSON and CloudFormation files;
// hidden folders, skipped files and other YAML add nothing.
func TestIndexRepo(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"a.yaml":        "kind: Model\nModelName: \"m1\" # quoted\n---\nkind: EndpointConfig\nEndpointConfigName: c1\nProductionVariants: []\n",
		"b.json":        `{"EndpointName": "e1", "EndpointConfigName": "c1"}`,
		"cfn.yaml":      "Resources:\n  M:\n    Type: AWS::SageMaker::Model\n    Properties:\n      ModelName: m2\n",
		"k8s.yaml":      "kind: Deployment\nmetadata: {name: web}\nModelName: not-a-model\n",
		".hidden/x.yml": "kind: Model\nModelName: hidden\n",
		"skip/y.yaml":   "kind: Model\nModelName: skipped\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix := IndexRepo(dir, func(p string) bool { return filepath.Base(filepath.Dir(p)) == "skip" })
	if got := ix.Names(KindModel); !slices.Equal(got, []string{"m1", "m2"}) {
		t.Errorf("models %v", got)
	}
	if !ix.Has(KindEndpointConfig, "c1") || !ix.Has(KindEndpoint, "e1") || ix.Has(KindModel, "c1") {
		t.Errorf("configs %v, endpoints %v", ix.Names(KindEndpointConfig), ix.Names(KindEndpoint))
	}
	if w := ix.Where(KindModel, "m1"); w != filepath.Join(dir, "a.yaml") {
		t.Errorf("Where = %q", w)
	}
	var nilIx *Index
	if nilIx.Has(KindModel, "m1") || nilIx.Names(KindModel) != nil {
		t.Error("a nil index knows names")
	}
}

// FuzzScanNames: the scan never panics, whatever the bytes.
func FuzzScanNames(f *testing.F) {
	for _, s := range []string{"kind: Model\nModelName: a\n", "ModelName: a\nPrimaryContainer:\n  Image: x\n---\nkind: Endpoint\nEndpointName: e\n", "kind: Model\nModelName: 'a'\n", "{}", "a: |\n  x\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = scanNames(data)
	})
}

// TestJSONWithoutManifest: a JSON document that only mentions a name field deep inside (a
// schema) is skipped unparsed; JSON manifests, AWS CLI input files and CloudFormation
// templates are not, nor is anything that is not a JSON object.
func TestJSONWithoutManifest(t *testing.T) {
	for src, want := range map[string]bool{
		`{"properties": {"ModelName": {"type": "string"}}}`:       true,
		`{"kind": "Model", "ModelName": "m"}`:                     false,
		`{"EndpointConfigName": "c", "ProductionVariants": []}`:   false,
		`{"Resources": {"M": {"Type": "AWS::SageMaker::Model"}}}`: false,
		`[{"ModelName": "m"}]`:                                    false,
		"kind: Model\nModelName: m\n":                             false,
		`{"ModelName": "m",}`:                                     false,
	} {
		if got := jsonWithoutManifest([]byte(src)); got != want {
			t.Errorf("jsonWithoutManifest(%s) = %v, want %v", src, got, want)
		}
	}
}
