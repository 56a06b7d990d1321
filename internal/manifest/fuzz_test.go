package manifest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
)

// FuzzParse: Parse never panics, and every finding has a rule and a position inside the file.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/lint/*/*.yaml")
	ex, _ := filepath.Glob("../../examples/*/*.yaml")
	for _, p := range append(seeds, ex...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{"a: &a [*a]", "- [", "kind: Model\n\t- x", "<<: *x", "{", "\xff\xfe", "---\n---\n", "a: !!binary x"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if wf, wdocs, wfs, _ := parse("fuzz.yaml", data, true); wf == nil && (len(wdocs) > 0 || len(wfs) > 0) {
			t.Fatalf("a skipped file kept %d documents and %d findings", len(wdocs), len(wfs))
		}
		for _, fd := range checkJSONFindings(data) {
			if fd.Line < 1 || fd.Col < 1 {
				t.Fatalf("bad JSON finding %+v", fd)
			}
		}
		file, docs, fs := Parse("fuzz.yaml", data)
		lines := len(file.lines)
		for _, fd := range fs {
			if fd.Rule == "" || fd.Message == "" || fd.Line < 1 || fd.Col < 1 || fd.Line > lines+1 {
				t.Fatalf("bad finding %+v (file has %d lines)", fd, lines)
			}
		}
		for _, d := range docs {
			if _, err := ToValue(d.Body); err != nil {
				t.Fatalf("document accepted but ToValue fails: %v", err)
			}
			_ = d.Name()
		}
	})
}

// checkJSONFindings is the strict JSON check of Parse for a .json file.
func checkJSONFindings(data []byte) []finding.Finding {
	_, _, fs := Parse("fuzz.json", data)
	return fs
}
