package lintcmd

import (
	"bytes"
	"fmt"

	"github.com/sagectl/sagectl/internal/lint"
	"github.com/sagectl/sagectl/internal/lint/render"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/suggest"
	"github.com/urfave/cli/v2"
)

func rulesCommand(e *Env) *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "list every rule with the severities it reports and what it flags",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return fail(ExitUsage, "rules takes no arguments; use 'sagectl explain RULE' for one rule")
			}
			reg := lint.Registry()
			idW, sevW := 0, 0
			for _, r := range reg {
				i := r.Info()
				idW, sevW = max(idW, len(i.ID)), max(sevW, len(render.SeverityList(i.Severities())))
			}
			for _, r := range reg {
				i := r.Info()
				fmt.Fprintf(e.Stdout, "%-*s %-*s %s\n", idW, i.ID, sevW, render.SeverityList(i.Severities()), i.Summary)
			}
			return nil
		},
	}
}

func explainCommand(e *Env) *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "show one rule's documentation: why, the AWS source, a bad example with its output, a good example",
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
					msg = fmt.Sprintf("unknown rule %q: did you mean %q? ('sagectl rules' lists them)", id, s)
				}
				return fail(ExitUsage, "%s", msg)
			}
			fmt.Fprint(e.Stdout, ruleDoc(r.Info()).Text())
			return nil
		},
	}
}

// ruleDocs documents every registered rule, in registry order.
func ruleDocs() []render.RuleDoc {
	reg := lint.Registry()
	out := make([]render.RuleDoc, len(reg))
	for i, r := range reg {
		out[i] = ruleDoc(r.Info())
	}
	return out
}

// ruleDoc documents one rule, with the exact text output `sagectl lint` gives for its
// Bad example.
func ruleDoc(i *lint.Info) render.RuleDoc {
	return render.RuleDoc{ID: i.ID, Severity: i.Severity, Severities: i.Severities(), Summary: i.Summary, Why: i.Why, Sources: i.Sources(), Fix: i.Fix,
		Bad: i.Bad, BadOutput: exampleOutput(i.Bad), Good: i.Good}
}

// exampleOutput lints src as the file render.BadFile and returns the text render.
func exampleOutput(src string) string {
	if src == "" {
		return ""
	}
	f, docs, fs := manifest.Parse(render.BadFile, []byte(src))
	fs = lint.Check(&manifest.Set{Files: []*manifest.File{f}, Docs: docs}, fs, lint.Options{})
	var b bytes.Buffer
	t := &render.Text{W: &b, Source: func(string) *manifest.File { return f }}
	for _, fd := range fs {
		_ = t.Write(fd) // a bytes.Buffer does not fail
	}
	render.Summary(&b, fs, 1)
	return b.String()
}
