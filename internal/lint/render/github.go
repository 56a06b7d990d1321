package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
)

// GitHub writes GitHub Actions workflow commands (`::error file=…,line=…::message`),
// one per finding. GitHub shows only 10 errors and 10 warnings per step, so every
// annotation is still printed and, when StepSummary is set, the full list is also
// written there as a markdown table.
type GitHub struct {
	opt   Options
	rows  spool // the job summary's table rows, written as findings come
	count map[finding.Severity]int
}

// githubLimit is how many annotations of one level GitHub shows per step.
const githubLimit = 10

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// Write prints one annotation.
func (g *GitHub) Write(f finding.Finding) error {
	if err := g.summaryRow(f); err != nil {
		return err
	}
	level := map[finding.Severity]string{finding.Error: "error", finding.Warning: "warning", finding.Info: "notice"}[f.Severity]
	props := []string{"file=" + propertyEscaper.Replace(g.opt.rel(f.File))}
	if f.Line >= 1 {
		props = append(props, fmt.Sprintf("line=%d", f.Line))
		if f.EndLine > f.Line {
			props = append(props, fmt.Sprintf("endLine=%d", f.EndLine))
		} else if f.Col >= 1 {
			// Columns are only valid on a one-line annotation.
			props = append(props, fmt.Sprintf("col=%d", f.Col))
			if f.EndLine == f.Line && f.EndCol >= f.Col {
				props = append(props, fmt.Sprintf("endColumn=%d", f.EndCol))
			}
		}
	}
	props = append(props, "title="+propertyEscaper.Replace("sagectl "+f.Rule))
	msg := f.Message
	if f.Hint != "" {
		msg += "\nhint: " + f.Hint
	}
	_, err := fmt.Fprintf(g.opt.W, "::%s %s::%s\n", level, strings.Join(props, ","), dataEscaper.Replace(msg))
	return err
}

// summaryRow counts f and spools its row of the job summary's table, when there is a
// job summary to write.
func (g *GitHub) summaryRow(f finding.Finding) error {
	if g.opt.StepSummary == nil {
		return nil
	}
	if g.count == nil {
		g.count = map[finding.Severity]int{}
	}
	g.count[f.Severity]++
	msg := f.Message
	if f.Hint != "" {
		msg += " (hint: " + f.Hint + ")"
	}
	_, err := fmt.Fprintf(&g.rows, "| %s | %s | %d | %d | %s | %s |\n", f.Severity, cell(g.opt.rel(f.File)), f.Line, f.Col, f.Rule, cell(msg))
	return err
}

// Flush writes the job summary when there is somewhere to write it: the findings as a
// markdown table, noting when GitHub will have hidden some annotations.
func (g *GitHub) Flush() error {
	w := g.opt.StepSummary
	if w == nil {
		return nil
	}
	var b strings.Builder
	b.WriteString("## sagectl lint\n\n")
	if g.rows.n == 0 {
		b.WriteString("No findings.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	count := g.count
	fmt.Fprintf(&b, "%s, %s, %s.", plural(count[finding.Error], "error"), plural(count[finding.Warning], "warning"), plural(count[finding.Info], "info"))
	if count[finding.Error] > githubLimit || count[finding.Warning] > githubLimit {
		fmt.Fprintf(&b, " GitHub shows at most %d annotations of each level per step: this table lists them all.", githubLimit)
	}
	b.WriteString("\n\n| severity | file | line | column | rule | message |\n| --- | --- | --- | --- | --- | --- |\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	return g.rows.copyTo(w)
}

// cell makes s safe inside a markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", "\\|", "\r", " ", "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}
