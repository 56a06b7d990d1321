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
	opt Options
	fs  []finding.Finding
}

// githubLimit is how many annotations of one level GitHub shows per step.
const githubLimit = 10

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// Write prints one annotation.
func (g *GitHub) Write(f finding.Finding) error {
	g.fs = append(g.fs, f)
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

// Flush writes the job summary when there is somewhere to write it.
func (g *GitHub) Flush() error {
	if g.opt.StepSummary == nil {
		return nil
	}
	return writeSummary(g.opt.StepSummary, g.fs, g.opt.rel)
}

// writeSummary writes the findings as a markdown table, noting when GitHub will have
// hidden some annotations.
func writeSummary(w io.Writer, fs []finding.Finding, rel func(string) string) error {
	var b strings.Builder
	b.WriteString("## sagectl lint\n\n")
	if len(fs) == 0 {
		b.WriteString("No findings.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	count := map[finding.Severity]int{}
	for _, f := range fs {
		count[f.Severity]++
	}
	fmt.Fprintf(&b, "%s, %s, %s.", plural(count[finding.Error], "error"), plural(count[finding.Warning], "warning"), plural(count[finding.Info], "info"))
	if count[finding.Error] > githubLimit || count[finding.Warning] > githubLimit {
		fmt.Fprintf(&b, " GitHub shows at most %d annotations of each level per step: this table lists them all.", githubLimit)
	}
	b.WriteString("\n\n| severity | file | line | column | rule | message |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, f := range fs {
		msg := f.Message
		if f.Hint != "" {
			msg += " (hint: " + f.Hint + ")"
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %s | %s |\n", f.Severity, cell(rel(f.File)), f.Line, f.Col, f.Rule, cell(msg))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell makes s safe inside a markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", "\\|", "\r", " ", "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}
