package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/plan"
)

// Preflight writes pf alone, as the text plan shows it: apply of a saved plan, which
// shows no plan, prints the checks it made again.
func (t *Text) Preflight(w io.Writer, pf *plan.Preflight) error {
	var b strings.Builder
	t.preflight(&b, pf)
	_, err := io.WriteString(w, b.String())
	return err
}

// preflight writes what the checks before apply found: that they did not run and why, or
// their findings as lint prints them (file:line:col: severity: message [rule], then the hint)
// and the capacity per instance type.
func (t *Text) preflight(b *strings.Builder, pf *plan.Preflight) {
	if pf == nil {
		return
	}
	if !pf.Ran {
		fmt.Fprintf(b, "\nPreflight: not run (%s).\n", pf.NotRun)
		return
	}
	n := map[finding.Severity]int{}
	for _, f := range pf.Findings {
		n[f.Severity]++
	}
	fmt.Fprintf(b, "\n%s %d error(s), %d warning(s), %d note(s)\n", t.paint(bold, "Preflight:"), n[finding.Error], n[finding.Warning], n[finding.Info])
	color := map[finding.Severity]string{finding.Error: red, finding.Warning: yellow, finding.Info: cyan}
	for _, f := range pf.Findings {
		where := "(no manifest)"
		if f.File != "" {
			where = fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Col)
		}
		fmt.Fprintf(b, "  %s: %s: %s [%s]\n", where, t.paint(color[f.Severity], f.Level), f.Message, f.Rule)
		if f.Hint != "" {
			fmt.Fprintf(b, "      = hint: %s\n", f.Hint)
		}
	}
	if len(pf.Capacity) > 0 {
		b.WriteString("  Capacity at the deployment's peak, per instance type:\n")
		for _, c := range pf.Capacity {
			quota := "quota unknown"
			if c.QuotaSource != "" {
				quota = fmt.Sprintf("quota %g (%s)", c.Quota, c.QuotaSource)
			}
			fmt.Fprintf(b, "    %s: %d needed, %s: %s\n", c.InstanceType, c.Peak, quota, strings.Join(c.Why, "; "))
		}
	}
}

// mdPreflight is the preflight of a markdown plan: that it did not run and why, or a
// table of its findings at their manifest lines and the capacity per instance type.
func mdPreflight(pf *plan.Preflight) string {
	if pf == nil {
		return ""
	}
	if !pf.Ran {
		return fmt.Sprintf("\n**Preflight:** not run (%s).\n", esc(pf.NotRun))
	}
	n := map[finding.Severity]int{}
	for _, f := range pf.Findings {
		n[f.Severity]++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n**Preflight:** %d error(s), %d warning(s), %d note(s)\n", n[finding.Error], n[finding.Warning], n[finding.Info])
	if len(pf.Findings) > 0 {
		b.WriteString("\n| Where | Severity | Finding | Rule |\n|---|---|---|---|\n")
		for _, f := range pf.Findings {
			where := "(no manifest)"
			if f.File != "" {
				where = fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Col)
			}
			msg := f.Message
			if f.Hint != "" {
				msg += " (" + f.Hint + ")"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", esc(where), esc(f.Level), esc(msg), esc(f.Rule))
		}
	}
	if len(pf.Capacity) > 0 {
		b.WriteString("\n| Instance type | Needed at peak | Quota | Why |\n|---|---|---|---|\n")
		for _, c := range pf.Capacity {
			quota := "unknown"
			if c.QuotaSource != "" {
				quota = fmt.Sprintf("%g (%s)", c.Quota, c.QuotaSource)
			}
			fmt.Fprintf(&b, "| %s | %d | %s | %s |\n", esc(c.InstanceType), c.Peak, esc(quota), esc(strings.Join(c.Why, "; ")))
		}
	}
	return b.String()
}
