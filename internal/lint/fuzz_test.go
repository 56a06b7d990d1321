package lint_test

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLint: loading and linting any bytes never panics, and every finding is positioned.
func FuzzLint(f *testing.F) {
	addSeeds(f, "../../testdata/lint/*/*.yaml", "../../examples/*.yaml", "../../examples/broken/*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, fd := range lintSource("fuzz.yaml", string(data)) {
			if fd.Rule == "" || fd.Message == "" || fd.Line < 1 || fd.Col < 1 {
				t.Fatalf("bad finding %+v", fd)
			}
		}
	})
}

// addSeeds adds the files the globs match to f's seed corpus.
func addSeeds(f *testing.F, globs ...string) {
	for _, glob := range globs {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
}
