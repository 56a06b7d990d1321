package overlay

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

func TestApply(t *testing.T) {
	dir := t.TempDir()
	base, _, err := manifest.Load([]string{writeFile(t, dir, "base/m.yaml", "kind: Model\nModelName: m\nExecutionRoleArn: r\n")}, manifest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	over := filepath.Join(dir, "over")
	writeFile(t, dir, "over/m.yaml", "kind: Model\nModelName: m\nExecutionRoleArn: prod\n---\nkind: Model\nModelName: n\n")
	m, err := Apply(base, "prod", over, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := manifest.Str(manifest.Get(m.Set.Docs[0].Body, "ExecutionRoleArn")); got != "prod" {
		t.Errorf("merged ExecutionRoleArn = %q", got)
	}
	if r, _ := manifest.Str(manifest.Get(base.Docs[0].Body, "ExecutionRoleArn")); r != "r" {
		t.Error("Apply changed the base")
	}
	if len(m.Findings) != 1 || !strings.Contains(m.Findings[0].Message, `the overlay's model "n" matches no model`) || m.Findings[0].Line != 6 {
		t.Errorf("findings %+v, want the unmatched model n at line 6", m.Findings)
	}
	if len(m.Set.Files) != 2 || len(m.Checked.Files) != 1 {
		t.Errorf("files %d (want base and overlay), checked %d (want base only)", len(m.Set.Files), len(m.Checked.Files))
	}
	v := manifest.Get(m.Set.Docs[0].Body, "ExecutionRoleArn")
	f := m.Locate([]finding.Finding{{File: m.Set.Docs[0].File.Path, Line: v.Line, Col: v.Column}})[0]
	if f.File != filepath.Join(over, "m.yaml") || f.Line != 3 {
		t.Errorf("a finding at the overlay's value is located at %s:%d, want the overlay's line 3", f.File, f.Line)
	}
	for _, bad := range []string{filepath.Join(dir, "none"), filepath.Join(dir, "base", "m.yaml")} {
		if _, err := Apply(base, "prod", bad, nil); err == nil || !strings.Contains(err.Error(), "overlay "+bad+" of environment prod cannot be read (") || strings.Contains(err.Error(), "nil") {
			t.Errorf("Apply(%s): %v", bad, err)
		}
	}
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
