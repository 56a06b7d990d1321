package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/plan"
)

func TestCounts(t *testing.T) {
	for _, tc := range []struct {
		s    plan.Summary
		want string
	}{
		{plan.Summary{NoOp: 3}, "no changes"},
		{plan.Summary{Create: 2, Update: 1, Delete: 1}, "2 to create, 1 to update, 1 to delete"},
		{plan.Summary{Replace: 1, Blocked: 1}, "1 to replace (1 blocked: apply will refuse them)"},
	} {
		if got := Counts(tc.s); got != tc.want {
			t.Errorf("Counts(%+v) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

func TestSymbol(t *testing.T) {
	for k, want := range map[plan.ActionKind]string{plan.Create: "+", plan.Tag: "~", plan.ShiftWeights: "~", plan.SwapConfig: "~",
		plan.Replace: "-/+", plan.Delete: "-", plan.NoOp: "="} {
		if got := Symbol(k); got != want {
			t.Errorf("Symbol(%s) = %q, want %q", k, got, want)
		}
	}
}

func TestNew(t *testing.T) {
	for _, f := range Formats {
		if _, err := New(f, false); err != nil {
			t.Errorf("New(%q): %v", f, err)
		}
	}
	if _, err := New("yaml", false); err == nil || !strings.Contains(err.Error(), "text, json") {
		t.Errorf("New(yaml) err = %v, want the valid names", err)
	}
}

func TestUnifiedDiff(t *testing.T) {
	if d := unifiedDiff("a\nb\n", "a\nb\n", "x", "y"); d != "" {
		t.Errorf("equal texts give %q", d)
	}
	from := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"
	to := "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\ntwelve\n"
	want := "--- x\n+++ y\n@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+twelve\n"
	if got := unifiedDiff(from, to, "x", "y"); got != want {
		t.Errorf("diff:\n%s\nwant:\n%s", got, want)
	}
	if got := unifiedDiff("", "a\n", "x", "y"); got != "--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n" {
		t.Errorf("diff from empty: %q", got)
	}
}

func TestTextAndJSON(t *testing.T) {
	count := int64(2)
	p := &plan.Plan{FormatVersion: plan.FormatVersion, Naming: plan.Exact, Summary: plan.Summary{Update: 1, NoOp: 1, Blocked: 1},
		Actions: []plan.Action{
			{Kind: plan.ShiftWeights, Resource: "Endpoint", Name: "ep", PhysicalName: "ep", Reason: "weights changed",
				Blocked: "endpoint is Updating", Changes: []plan.Change{{Path: "DesiredWeightsAndCapacities[a].DesiredWeight", Before: json.Number("1"), After: json.Number("3")}},
				Weights: []plan.Weight{{Variant: "a", Before: 1, After: 3, ShareBefore: 0.5, ShareAfter: 0.75, CountBefore: &count, CountAfter: &count},
					{Variant: "bb", Before: 1, After: 1, ShareBefore: 0.5, ShareAfter: 0.25}},
				Before: map[string]any{"W": json.Number("1")}, After: map[string]any{"W": json.Number("3")},
				Calls: []plan.Call{{Operation: "UpdateEndpointWeightsAndCapacities", Input: json.RawMessage(`{}`)}}},
			{Kind: plan.NoOp, Resource: "Model", Name: "m", PhysicalName: "m-1234abcd", Reason: "matches the live resource"},
		}}
	var b bytes.Buffer
	if err := (&Text{}).Render(&b, p); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Plan: 1 to update (1 blocked: apply will refuse them) (naming: exact)\n",
		"~ Endpoint ep (shift-weights)\n    weights changed\n    blocked: endpoint is Updating\n",
		"      DesiredWeightsAndCapacities[a].DesiredWeight: 1 → 3\n",
		"      a   1 → 3  (50.0% → 75.0%), instances 2 → 2\n      bb  1 → 1  (50.0% → 25.0%)\n",
		"      1. UpdateEndpointWeightsAndCapacities\n",
		"      -W: 1\n      +W: 3\n",
		"Unchanged:\n  = Model m [m-1234abcd]: matches the live resource\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour without Color")
	}
	b.Reset()
	if err := (&Text{Color: true}).Render(&b, p); err != nil || !strings.Contains(b.String(), "\x1b[33m~\x1b[0m") {
		t.Errorf("Color: update symbol not yellow: %q", b.String())
	}
	b.Reset()
	if err := (JSON{}).Render(&b, p); err != nil {
		t.Fatal(err)
	}
	var back plan.Plan
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back.Actions) != 2 || back.Actions[0].Blocked == "" {
		t.Errorf("JSON does not read back: %v", err)
	}
}

func TestNoChangesText(t *testing.T) {
	var b bytes.Buffer
	p := &plan.Plan{Naming: plan.Hashed, Summary: plan.Summary{NoOp: 1}, Actions: []plan.Action{{Kind: plan.NoOp, Resource: "Model", Name: "m", PhysicalName: "m"}}}
	if err := (&Text{}).Render(&b, p); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "Plan: no changes (naming: hashed)\nThe live resources match the manifests: apply has nothing to do.\n") {
		t.Errorf("no-change plan:\n%s", b.String())
	}
}
