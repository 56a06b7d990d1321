package schema

import (
	"fmt"
	"testing"

	"github.com/sagectl/sagectl/internal/suggest"
)

// TestClosestMatchesSuggest: the length prefilter never changes the suggestion.
func TestClosestMatchesSuggest(t *testing.T) {
	raw, err := fullSchema()
	if err != nil {
		t.Fatal(err)
	}
	defs := raw.(map[string]any)["$defs"].(map[string]any)
	known, _ := openEnumParts(defs["ProductionVariantInstanceType"].(map[string]any))
	if len(known) < 200 {
		t.Fatalf("only %d instance types", len(known))
	}
	for _, w := range []string{"ml.m5.huge", "m5.large", "ML.M5.LARGE", "ml.g5.xlarg", "ml.p4d.24xlarge", "x", "", "ml.inf2.48xlargeeeeeeeeeeee"} {
		if got, want := closest(w, known), suggest.Closest(w, known); got != want {
			t.Errorf("closest(%q) = %q, suggest.Closest = %q", w, got, want)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		n    any
		unit string
		want string
	}{{1, "item", "1 item"}, {0, "item", "0 items"}, {3, "entry", "3 entries"}} {
		if got := plural(tc.n, tc.unit); got != tc.want {
			t.Errorf("plural(%v, %q) = %q, want %q", tc.n, tc.unit, got, tc.want)
		}
	}
}

// TestClosestKnown: the memoised suggestion is closest's, per enum, and the memo stays
// within its bound.
func TestClosestKnown(t *testing.T) {
	known := []string{"ml.m5.large", "ml.g5.xlarge"}
	for range 2 {
		if got := closestKnown("f", "ml.m9.large", known); got != "ml.m5.large" {
			t.Errorf("got %q", got)
		}
	}
	if got := closestKnown("other", "ml.m9.large", []string{"x"}); got != "" {
		t.Errorf("another enum's memo answered: %q", got)
	}
	for i := range maxOpenSuggestions + 5 {
		closestKnown("f", fmt.Sprint(i), known)
	}
	if n := len(openSuggestions.m); n > maxOpenSuggestions {
		t.Errorf("memo holds %d", n)
	}
}
