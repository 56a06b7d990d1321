package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/sagectl/sagectl/internal/plan"
)

// MaxMarkdown is the most bytes Markdown writes: under the 65,536 characters GitHub
// stores in one issue or pull-request comment (a longer body is refused with "body is too
// long (maximum is 65536 characters)":
// https://github.com/orgs/community/discussions/41331,
// https://github.com/peter-evans/create-or-update-comment/pull/210), with room left for
// the marker and heading the GitHub Action adds. Bytes, not characters: never fewer.
const MaxMarkdown = 65000

// Markdown prints a plan as a pull-request comment: the summary line, a table of the
// actions (resource, action, why, API calls), the traffic splits, then one collapsed
// <details> block per changed resource with its changed fields and YAML diff. What does
// not fit in Max bytes (MaxMarkdown when 0) is left out, from the last diff backwards,
// and a note says how much and how to see it all.
type Markdown struct {
	// Max bounds the output in bytes; 0 means MaxMarkdown.
	Max int
}

// Render implements Renderer.
func (m *Markdown) Render(w io.Writer, p *plan.Plan) error {
	limit := m.Max
	if limit <= 0 {
		limit = MaxMarkdown
	}
	head := mdHead(p)
	var sections []string
	if s := mdTable(p); s != "" {
		sections = append(sections, s)
	}
	if s := mdPreflight(p.Preflight); s != "" { // before the diffs: truncation keeps it
		sections = append(sections, s)
	}
	if s := mdWeights(p); s != "" {
		sections = append(sections, s)
	}
	for _, a := range p.Actions {
		if a.Kind != plan.NoOp {
			sections = append(sections, mdDetails(a))
		}
	}
	if s := mdUnchanged(p); s != "" {
		sections = append(sections, s)
	}
	_, err := io.WriteString(w, fit(head, sections, limit))
	return err
}

// fit joins head and as many sections as fit in limit bytes, in order; when some do not,
// it ends with a note naming how many were left out (the head is always kept, cut if it
// alone is too long).
func fit(head string, sections []string, limit int) string {
	var b strings.Builder
	b.WriteString(head)
	for i, s := range sections {
		note := truncationNote(len(sections) - i)
		if b.Len()+len(s)+len(note) > limit {
			if b.Len()+len(note) > limit {
				return cut(b.String(), limit-len(note)) + note
			}
			return b.String() + note
		}
		b.WriteString(s)
	}
	return b.String()
}

// truncationNote says n sections were left out to stay under GitHub's comment limit.
func truncationNote(n int) string {
	return fmt.Sprintf("\n> [!NOTE]\n> The plan is longer than a GitHub comment allows (%d bytes here): %d more section(s) are not shown. "+
		"Run `sagectl plan` (or `sagectl plan --format json`) to see the whole plan.\n", MaxMarkdown, n)
}

// cut shortens s to at most n bytes at a line boundary.
func cut(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[:i+1]
	}
	return ""
}

// mdHead is the summary line (and the no-change or blocked sentence).
func mdHead(p *plan.Plan) string {
	var b strings.Builder
	project := ""
	if p.Project != "" {
		project = ", project `" + p.Project + "`"
	}
	env := ""
	if p.Environment != "" {
		env = " for environment `" + p.Environment + "`"
	}
	fmt.Fprintf(&b, "**Plan%s: %s** (naming: %s%s)\n", env, esc(Counts(p.Summary)), p.Naming, project)
	if !p.HasChanges() && p.Summary.Blocked == 0 {
		b.WriteString("\nThe live resources match the manifests: apply has nothing to do.\n")
	}
	if n := p.Summary.Blocked; n > 0 {
		fmt.Fprintf(&b, "\n> [!WARNING]\n> %d action(s) are blocked: apply will refuse them until what each says is done.\n", n)
	}
	return b.String()
}

// mdTable is the table of the changed resources, in apply's order.
func mdTable(p *plan.Plan) string {
	var b strings.Builder
	n := 0
	for _, a := range p.Actions {
		if a.Kind == plan.NoOp {
			continue
		}
		if b.Len() == 0 {
			b.WriteString("\n| | Resource | Action | Why | API calls |\n|---|---|---|---|---|\n")
		}
		why := a.Reason
		if a.Blocked != "" {
			why += " **Blocked:** " + a.Blocked
		}
		var calls []string
		for _, c := range a.Calls {
			n++
			calls = append(calls, esc(fmt.Sprintf("%d. %s", n, CallLabel(c))))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", esc(Symbol(a.Kind)), esc(title(a)), esc(string(a.Kind)),
			esc(why), strings.Join(calls, "<br>"))
	}
	return b.String()
}

// mdWeights is one table per endpoint whose traffic split changes.
func mdWeights(p *plan.Plan) string {
	var b strings.Builder
	for _, a := range p.Actions {
		if len(a.Weights) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n**Traffic split of %s**\n\n| Variant | Weight | Share of traffic | Instances |\n|---|---|---|---|\n", esc(title(a)))
		for _, w := range a.Weights {
			inst := strings.TrimPrefix(counts(w), ", instances ")
			fmt.Fprintf(&b, "| %s | %s → %s | %.1f%% → %.1f%% | %s |\n", esc(w.Variant), num(w.Before), num(w.After),
				100*w.ShareBefore, 100*w.ShareAfter, esc(inst))
		}
	}
	return b.String()
}

// mdDetails is one changed resource's collapsed block: its changed fields and YAML diff.
func mdDetails(a plan.Action) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n<details><summary><code>%s</code> %s (%s)</summary>\n\n", htmlText(Symbol(a.Kind)),
		htmlText(title(a)), htmlText(string(a.Kind)))
	if len(a.Changes) > 0 {
		b.WriteString("| Field | Live | Planned |\n|---|---|---|\n")
		for _, c := range a.Changes {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", esc(c.Path), code(value(c.Before)), code(value(c.After)))
		}
		b.WriteByte('\n')
	}
	if d := unifiedDiff(toYAML(a.Before), toYAML(a.After), "live", "planned"); d != "" {
		fence := fenceFor(d)
		fmt.Fprintf(&b, "%sdiff\n%s%s\n\n", fence, d, fence)
	}
	b.WriteString("</details>\n")
	return b.String()
}

// mdUnchanged lists the resources that need nothing, collapsed.
func mdUnchanged(p *plan.Plan) string {
	var same []string
	for _, a := range p.Actions {
		if a.Kind == plan.NoOp {
			same = append(same, "- "+esc(title(a))+": "+esc(a.Reason))
		}
	}
	if len(same) == 0 {
		return ""
	}
	return fmt.Sprintf("\n<details><summary>%d unchanged</summary>\n\n%s\n\n</details>\n", len(same), strings.Join(same, "\n"))
}

// fenceFor is a code fence longer than every run of backticks in s, so s cannot end it.
func fenceFor(s string) string {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// esc escapes text for Markdown prose and table cells: HTML metacharacters (a value cannot open a tag)
// and the characters that start emphasis, links or code.
func esc(s string) string {
	s = htmlText(s)
	r := strings.NewReplacer("\\", "\\\\", "`", "\\`", "*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]", "|", "\\|", "\n", " ", "\r", " ")
	return r.Replace(s)
}

// htmlText escapes the characters that start an HTML tag or entity (quotes stay: they
// are text outside attributes).
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// code is s as inline code in a table cell: <code> with HTML escaping, since a Markdown
// code span cannot hold a | in a table.
func code(s string) string {
	s = strings.NewReplacer("\n", " ", "\r", " ").Replace(s)
	return "<code>" + strings.ReplaceAll(htmlText(s), "|", "&#124;") + "</code>"
}
