// Package benchdata generates large, realistic manifest sets from the bundled examples
// for benchmarks: each copy renames every resource so references stay consistent and
// no two copies collide.
package benchdata

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

var nameField = regexp.MustCompile(`(?m)^(\s*(?:-\s+)?(?:"?)(?:ModelName|EndpointConfigName|EndpointName)(?:"?)\s*:\s*"?)([A-Za-z0-9-]+)`)

// Examples reads the YAML examples under dir (not its subfolders) and returns their text.
func Examples(dir string) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("no examples in %s: %v", dir, err)
	}
	var out []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, nil
}

// Copy returns the example text with every resource name suffixed with -n.
func Copy(text string, n int) string {
	return nameField.ReplaceAllString(text, fmt.Sprintf("${1}${2}-%d", n))
}

// Documents counts the YAML documents in text.
func Documents(text string) int {
	return strings.Count("\n"+text, "\n---\n") + 1
}

// WriteTree writes rounds of copies of the examples into dir, one file per example
// per round, every name in round n suffixed -n so references across files still
// resolve, until at least docs documents exist; it returns how many it wrote.
func WriteTree(dir string, examples []string, docs int) (int, error) {
	written := 0
	for n := 0; written < docs; n++ {
		for i, ex := range examples {
			p := filepath.Join(dir, fmt.Sprintf("r%05d-%02d.yaml", n, i))
			if err := os.WriteFile(p, []byte(Copy(ex, n)), 0o644); err != nil {
				return written, err
			}
			written += Documents(ex)
		}
	}
	return written, nil
}
