package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/plan"
)

// bigPlan is a plan of n model creates, each with a long body, so its diffs overflow.
func bigPlan(n int) *plan.Plan {
	p := &plan.Plan{Naming: plan.Exact, Summary: plan.Summary{Create: n}}
	for i := range n {
		body := map[string]any{"ModelName": fmt.Sprintf("m%d", i), "Env": strings.Repeat("x", 2000)}
		p.Actions = append(p.Actions, plan.Action{Kind: plan.Create, Resource: "Model", Name: fmt.Sprintf("m%d", i),
			PhysicalName: fmt.Sprintf("m%d", i), Reason: "does not exist", After: body,
			Calls: []plan.Call{{Operation: "CreateModel", Input: json.RawMessage(`{}`)}}})
	}
	return p
}

func TestMarkdownTruncatesUnderGitHubLimit(t *testing.T) {
	var b bytes.Buffer
	if err := (&Markdown{}).Render(&b, bigPlan(100)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if len(out) > MaxMarkdown {
		t.Fatalf("%d bytes, over MaxMarkdown %d", len(out), MaxMarkdown)
	}
	if !strings.Contains(out, "| + | Model m99 | create |") {
		t.Error("the action table must be whole even when diffs are cut")
	}
	if !strings.Contains(out, "more section(s) are not shown") || !strings.Contains(out, "`sagectl plan`") {
		t.Errorf("no truncation note:\n%s", out[len(out)-300:])
	}
	if strings.Count(out, "<details>") != strings.Count(out, "</details>") {
		t.Error("a <details> block was cut in the middle")
	}
	small := bytes.Buffer{}
	if err := (&Markdown{}).Render(&small, bigPlan(2)); err != nil || strings.Contains(small.String(), "not shown") {
		t.Errorf("a short plan must not be truncated: %v", err)
	}
}

func TestMarkdownTinyLimitKeepsHeadAndNote(t *testing.T) {
	var b bytes.Buffer
	if err := (&Markdown{Max: 600}).Render(&b, bigPlan(3)); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); len(out) > 600 || !strings.HasPrefix(out, "**Plan: 3 to create**") || !strings.Contains(out, "3 more section(s)") {
		t.Errorf("%d bytes:\n%s", len(out), out)
	}
}

func TestMarkdownEscapesHostileText(t *testing.T) {
	p := &plan.Plan{Naming: plan.Exact, Summary: plan.Summary{Update: 1}, Actions: []plan.Action{{
		Kind: plan.Tag, Resource: "Model", Name: "m", PhysicalName: "m",
		Reason:  "a | b <script>alert(1)</script> **bold**\nnext",
		Changes: []plan.Change{{Path: "Tags[x]", Before: "a|b", After: "<img src=x>"}},
		Before:  map[string]any{"Note": "```"}, After: map[string]any{"Note": "````"},
	}}}
	var b bytes.Buffer
	if err := (&Markdown{}).Render(&b, p); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"<script>", "<img", "**bold**", "a | b"} {
		if strings.Contains(out, bad) {
			t.Errorf("unescaped %q in:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, "`````diff\n") {
		t.Errorf("the diff fence must be longer than the backticks it holds:\n%s", out)
	}
	row := out[strings.Index(out, "| ~ |"):]
	row = row[:strings.IndexByte(row, '\n')]
	if n := strings.Count(row, "|") - strings.Count(row, `\|`); n != 6 {
		t.Errorf("the action row has %d cell separators, want 6: %s", n, row)
	}
}
