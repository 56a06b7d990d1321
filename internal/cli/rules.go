package cli

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/suggest"
	"github.com/sagectl/sagectl/lint"
	"github.com/urfave/cli/v2"
)

func rulesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "list every rule with its severity and what it checks",
		Action: func(c *cli.Context) error {
			for _, r := range lint.Registry() {
				i := r.Info()
				fmt.Fprintf(e.stdout, "%-34s %-8s %s\n", i.ID, i.Severity, i.Summary)
			}
			return nil
		},
	}
}

func explainCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "show one rule's documentation with a bad and a good example",
		ArgsUsage: "RULE",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return fail(ExitUsage, "explain takes one rule ID; 'sagectl rules' lists them")
			}
			id := c.Args().First()
			r := lint.Lookup(id)
			if r == nil {
				var ids []string
				for _, r := range lint.Registry() {
					ids = append(ids, r.Info().ID)
				}
				msg := fmt.Sprintf("unknown rule %q; 'sagectl rules' lists them", id)
				if s := suggest.Closest(id, ids); s != "" {
					msg = fmt.Sprintf("unknown rule %q: did you mean %q?", id, s)
				}
				return fail(ExitUsage, "%s", msg)
			}
			fmt.Fprint(e.stdout, explainText(r.Info()))
			return nil
		},
	}
}

// explainText renders a rule's documentation as plain text.
func explainText(i *lint.Info) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n\n%s\n\n", i.ID, i.Severity, i.Summary)
	if i.Why != "" {
		fmt.Fprintf(&b, "Why:\n  %s\n\n", i.Why)
	}
	if i.Source != "" {
		fmt.Fprintf(&b, "Source:\n  %s\n\n", i.Source)
	}
	if i.Fix != "" {
		fmt.Fprintf(&b, "Fix:\n  %s\n\n", i.Fix)
	}
	if i.Bad != "" {
		fmt.Fprintf(&b, "Bad:\n%s\n", indent(i.Bad))
	}
	if i.Good != "" {
		fmt.Fprintf(&b, "Good:\n%s", indent(i.Good))
	}
	return b.String()
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n") + "\n"
}
