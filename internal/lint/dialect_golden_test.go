package lint_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDialects lints the CloudFormation templates (YAML and JSON) and ACK manifests in
// testdata/cfn and testdata/ack: clean*.* must give no finding, and every other file X
// exactly the findings in X.out, positions pointing into the original file. -update
// rewrites the .out files.
func TestDialects(t *testing.T) {
	var files []string
	for _, pat := range []string{"../../testdata/cfn/*.yaml", "../../testdata/cfn/*.json", "../../testdata/ack/*.yaml"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) < 5 {
		t.Fatalf("expected CloudFormation and ACK test files, found %v", files)
	}
	for _, f := range files {
		name := filepath.Base(filepath.Dir(f)) + "/" + filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			var got []string
			for _, fd := range lintFiles(t, f) {
				fd.File = filepath.Base(fd.File)
				got = append(got, fd.String())
			}
			if strings.HasPrefix(filepath.Base(f), "clean") {
				for _, g := range got {
					t.Errorf("unexpected finding: %s", g)
				}
				return
			}
			checkGolden(t, f+".out", got, "go test ./lint -run TestDialects -update")
		})
	}
}
