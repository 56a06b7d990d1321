package suggest

import (
	"fmt"
	"testing"
)

func TestClosest(t *testing.T) {
	fields := []string{"InstanceType", "InitialInstanceCount", "VariantName", "ModelName"}
	tests := []struct{ word, want string }{
		{"InstanceTyp", "InstanceType"},
		{"instancetype", "InstanceType"},
		{"VairantName", "VariantName"}, // transposition
		{"ModelNmae", "ModelName"},
		{"Completely", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.word, fields); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if got := Closest("x", nil); got != "" {
		t.Errorf("no candidates: %q", got)
	}
}

func BenchmarkClosestManyCandidates(b *testing.B) {
	names := make([]string, 5000)
	for i := range names {
		names[i] = fmt.Sprintf("churn-model-v%d", i)
	}
	for i := 0; i < b.N; i++ {
		Closest("churn-modle-v4999", names)
	}
}
