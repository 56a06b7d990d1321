package config

import (
	"path/filepath"
	"testing"
)

func TestExcludeMatch(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"broken", "examples/broken/a.yaml", true},
		{"broken", "examples/unbroken/a.yaml", false},
		{"*.draft.yaml", "x/y/m.draft.yaml", true},
		{"*.draft.yaml", "x/y/m.yaml", false},
		{"examples/broken", "examples/broken/deep/a.yaml", true},
		{"examples/broken/", "examples/broken/a.yaml", true},
		{"./examples/broken", "examples/broken/a.yaml", true},
		{"examples/broken", "other/examples/broken/a.yaml", false},
		{"/examples/*/a.yaml", "examples/x/a.yaml", true},
		{"examples/*/a.yaml", "examples/x/y/a.yaml", false},
		{"examples/**/a.yaml", "examples/x/y/a.yaml", true},
		{"examples/**/a.yaml", "examples/a.yaml", true},
		{"**/gen", "a/b/gen/c.yaml", true},
		{"**/gen", "a/b/generated/c.yaml", false},
		{"examples/**", "examples/a.yaml", true},
	}
	for _, tt := range tests {
		e := Exclude{Dir: dir, Patterns: []string{tt.pattern}}
		if got := e.Match(filepath.Join(dir, filepath.FromSlash(tt.path))); got != tt.want {
			t.Errorf("pattern %q, path %q: got %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

func TestExcludeAnchoredAtDir(t *testing.T) {
	dir := t.TempDir()
	e := Exclude{Dir: filepath.Join(dir, "sub"), Patterns: []string{"a/b.yaml"}}
	if !e.Match(filepath.Join(dir, "sub", "a", "b.yaml")) {
		t.Error("path under Dir not excluded")
	}
	if e.Match(filepath.Join(dir, "a", "b.yaml")) {
		t.Error("path outside Dir excluded by an anchored pattern")
	}
	if e.Match("-") || (Exclude{Dir: dir}).Match(filepath.Join(dir, "x.yaml")) {
		t.Error("stdin or an empty pattern list excluded something")
	}
}
