package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
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

// TestMarkdownPreflight: the pull-request comment shows the preflight's findings at their
// manifest lines (escaped) and the capacity per instance type, and says when it did not run.
func TestMarkdownPreflight(t *testing.T) {
	p := &plan.Plan{Naming: plan.Exact, Summary: plan.Summary{Create: 1}, Actions: []plan.Action{{Kind: plan.Create, Resource: "Model", Name: "m", PhysicalName: "m"}},
		Preflight: &plan.Preflight{Ran: true,
			Findings: []plan.PreflightFinding{{Finding: finding.Finding{Rule: "preflight-role", Severity: finding.Error, File: "m.yaml", Line: 3, Col: 19,
				Message: "role r | <b>x</b> does not exist", Hint: "create it"}, Level: "error"}},
			Capacity: []plan.Capacity{{InstanceType: "ml.g5.xlarge", Peak: 4, Quota: 2, QuotaSource: "applied", Why: []string{"endpoint e: 2 new + 2 old (blue/green)"}}}}}
	var b bytes.Buffer
	if err := (&Markdown{}).Render(&b, p); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"**Preflight:** 1 error(s), 0 warning(s), 0 note(s)", "| m.yaml:3:19 | error |", "preflight-role", "| ml.g5.xlarge | 4 | 2 (applied) |"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "<b>") || strings.Contains(out, "r | <") {
		t.Errorf("unescaped finding text:\n%s", out)
	}
	p.Preflight = &plan.Preflight{NotRun: "a --live-dir plan reads no AWS API"}
	b.Reset()
	if err := (&Markdown{}).Render(&b, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "**Preflight:** not run (a --live-dir plan reads no AWS API).") {
		t.Errorf("markdown does not say preflight did not run:\n%s", b.String())
	}
}
