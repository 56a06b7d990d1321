package manifest

import "testing"

func TestUserTag(t *testing.T) {
	for key, want := range map[string]bool{
		"team":               true,
		"sagectl-ish":        true,
		"sagectl:managed-by": false,
		"aws:cloudformation": false,
		"":                   true,
	} {
		if got := UserTag(key); got != want {
			t.Errorf("UserTag(%q) = %v, want %v", key, got, want)
		}
	}
}
