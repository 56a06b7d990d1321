package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sagectl/sagectl/internal/plan"
)

// ANSI colours, as lint's text output uses them.
const (
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	green  = "\x1b[32m"
	cyan   = "\x1b[36m"
	bold   = "\x1b[1m"
	reset  = "\x1b[0m"
)

// Text prints a plan for people: the counts first, then one block per changed
// resource (symbol, reason, changed fields, weights with their share of traffic, the
// numbered API calls, a unified diff of its YAML), then one line per unchanged one.
// Color is for terminals only; the caller applies NO_COLOR.
type Text struct {
	Color bool
}

func (t *Text) paint(code, s string) string {
	if !t.Color {
		return s
	}
	return code + s + reset
}

// Render implements Renderer.
func (t *Text) Render(w io.Writer, p *plan.Plan) error {
	var b strings.Builder
	project := ""
	if p.Project != "" {
		project = ", project: " + p.Project
	}
	fmt.Fprintf(&b, "%s %s (naming: %s%s)\n", t.paint(bold, "Plan:"), Counts(p.Summary), p.Naming, project)
	if !p.HasChanges() && p.Summary.Blocked == 0 {
		fmt.Fprintf(&b, "The live resources match the manifests: apply has nothing to do.\n")
	}
	n := 0
	for _, a := range p.Actions {
		if a.Kind == plan.NoOp {
			continue
		}
		b.WriteByte('\n')
		n = t.action(&b, a, n)
	}
	var same []string
	for _, a := range p.Actions {
		if a.Kind == plan.NoOp {
			same = append(same, fmt.Sprintf("%s %s: %s", Symbol(a.Kind), title(a), a.Reason))
		}
	}
	if len(same) > 0 {
		b.WriteString("\nUnchanged:\n")
		for _, s := range same {
			b.WriteString("  " + s + "\n")
		}
	}
	var untagged, others []plan.Resource
	for _, r := range p.Unmanaged {
		if r.Owner == "" {
			untagged = append(untagged, r)
		} else {
			others = append(others, r)
		}
	}
	if len(untagged) > 0 {
		b.WriteString("\nNot managed by sagectl (no sagectl:managed-by tag), left alone by --prune:\n")
		for _, r := range untagged {
			fmt.Fprintf(&b, "  %s %s\n", r.Kind, r.Name)
		}
	}
	if len(others) > 0 {
		b.WriteString("\nManaged by sagectl but not this project's, left alone by --prune:\n")
		for _, r := range others {
			fmt.Fprintf(&b, "  %s %s: %s\n", r.Kind, r.Name, r.Owner)
		}
	}
	t.preflight(&b, p.Preflight)
	_, err := io.WriteString(w, b.String())
	return err
}

// action writes one action's block; n is the number of API calls before it.
func (t *Text) action(b *strings.Builder, a plan.Action, n int) int {
	color := map[string]string{"create": green, "update": yellow, "delete": red, "replace": red}[a.Kind.Effect()]
	fmt.Fprintf(b, "%s %s (%s)\n", t.paint(color, Symbol(a.Kind)), t.paint(bold, title(a)), a.Kind)
	fmt.Fprintf(b, "    %s\n", a.Reason)
	if a.Blocked != "" {
		fmt.Fprintf(b, "    %s %s\n", t.paint(red, "blocked:"), a.Blocked)
	}
	if len(a.Changes) > 0 {
		b.WriteString("    changes:\n")
		for _, c := range a.Changes {
			fmt.Fprintf(b, "      %s: %s → %s\n", c.Path, value(c.Before), value(c.After))
		}
	}
	if len(a.Weights) > 0 {
		b.WriteString("    weights (share of traffic):\n")
		width := 0
		for _, w := range a.Weights {
			width = max(width, len(w.Variant))
		}
		for _, w := range a.Weights {
			fmt.Fprintf(b, "      %-*s  %s → %s  (%.1f%% → %.1f%%)%s\n", width, w.Variant, num(w.Before), num(w.After),
				100*w.ShareBefore, 100*w.ShareAfter, counts(w))
		}
	}
	if len(a.Calls) > 0 {
		b.WriteString("    API calls:\n")
		for _, c := range a.Calls {
			n++
			fmt.Fprintf(b, "      %d. %s\n", n, CallLabel(c))
		}
	}
	if d := unifiedDiff(toYAML(a.Before), toYAML(a.After), "live", "planned"); d != "" {
		b.WriteString("    diff:\n")
		for _, l := range strings.SplitAfter(strings.TrimSuffix(d, "\n"), "\n") {
			line := strings.TrimSuffix(l, "\n")
			switch {
			case strings.HasPrefix(line, "+++"), strings.HasPrefix(line, "---"):
				line = t.paint(bold, line)
			case strings.HasPrefix(line, "@@"):
				line = t.paint(cyan, line)
			case strings.HasPrefix(line, "+"):
				line = t.paint(green, line)
			case strings.HasPrefix(line, "-"):
				line = t.paint(red, line)
			}
			b.WriteString("      " + line + "\n")
		}
	}
	return n
}

// title names the resource: "Endpoint churn-prod", with the physical name when it differs.
func title(a plan.Action) string {
	s := fmt.Sprintf("%s %s", a.Resource, a.Name)
	if a.PhysicalName != a.Name {
		s += fmt.Sprintf(" [%s]", a.PhysicalName)
	}
	return s
}

// value prints a changed value compactly, as JSON; an absent one as "(absent)".
func value(v any) string {
	if v == nil {
		return "(absent)"
	}
	data, err := json.Marshal(Plain(v))
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}

// num prints a weight at float32 precision, the precision SageMaker keeps.
func num(f float64) string { return strconv.FormatFloat(float64(float32(f)), 'g', -1, 32) }

func counts(w plan.Weight) string {
	if w.CountBefore == nil && w.CountAfter == nil {
		return ""
	}
	c := func(p *int64) string {
		if p == nil {
			return "?"
		}
		return fmt.Sprint(*p)
	}
	return fmt.Sprintf(", instances %s → %s", c(w.CountBefore), c(w.CountAfter))
}
