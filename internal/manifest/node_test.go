package manifest

import (
	"testing"

	"gopkg.in/yaml.v3"
)

func scalar(tag, v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v} }

func TestNumbers(t *testing.T) {
	ints := []struct {
		n    *yaml.Node
		want int64
		ok   bool
	}{
		{scalar("!!int", "1"), 1, true},
		{scalar("!!float", "1.0"), 1, true},
		{scalar("!!int", "0x10"), 16, true},
		{scalar("!!int", "1_000"), 1000, true},
		{scalar("!!float", "1.5"), 0, false},
		{scalar("!!float", ".inf"), 0, false},
		{scalar("!!str", "2"), 0, false},
		{nil, 0, false},
	}
	for _, tt := range ints {
		got, ok := Int(tt.n)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Int(%v) = %d, %v; want %d, %v", tt.n, got, ok, tt.want, tt.ok)
		}
	}
	if f, ok := Float(scalar("!!float", "0.5")); !ok || f != 0.5 {
		t.Errorf("Float(0.5) = %v %v", f, ok)
	}
	if _, ok := Float(scalar("!!float", ".nan")); ok {
		t.Error("Float(.nan) ok")
	}
}

func TestPointers(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("a:\n  b/c:\n    - x\n    - y: 1\n"), &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	n, ok := At(root, "/a/b~1c/1/y")
	if !ok || n.Value != "1" || n.Line != 4 {
		t.Fatalf("At = %v %v", n, ok)
	}
	if p := PointerTo(root, n); p != "/a/b~1c/1/y" {
		t.Errorf("PointerTo = %q", p)
	}
	if k := KeyAt(root, "/a/b~1c/1/y"); k.Value != "y" || k.Column != 7 {
		t.Errorf("KeyAt = %q at col %d", k.Value, k.Column)
	}
	parent, ok := At(root, "/a/missing/0")
	if ok || parent != Get(root, "a") {
		t.Errorf("At on a missing key should stop at its parent, got %v %v", parent, ok)
	}
	if PointerTo(root, scalar("!!str", "elsewhere")) != "" {
		t.Error("PointerTo found a node that is not in the tree")
	}
}
