package cli

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/report"
	"github.com/sagectl/sagectl/lint"
	"github.com/urfave/cli/v2"
)

func lintCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "lint",
		Usage:     "check manifests against the schema and SageMaker's rules",
		ArgsUsage: "[PATH...]  (files, directories, or - for standard input; default .)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: text"},
			&cli.StringFlag{Name: "fail-on", Value: "error", Usage: "exit 1 when a finding is at or above this severity: error, warning, info"},
		},
		Action: func(c *cli.Context) error { return runLint(e, c) },
	}
}

func runLint(e *env, c *cli.Context) error {
	failOn, err := finding.ParseSeverity(c.String("fail-on"))
	if err != nil {
		return fail(ExitUsage, "--fail-on: %v", err)
	}
	if f := c.String("format"); f != "text" {
		return fail(ExitUsage, "--format: unknown format %q: expected one of text", f)
	}
	paths := c.Args().Slice()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	set, fs, err := manifest.Load(paths, manifest.Options{Stdin: e.stdin})
	if err != nil {
		return fail(ExitUsage, "%v", err)
	}
	fs = append(fs, lint.Lint(set, lint.Options{})...)
	finding.Sort(fs)
	files := map[string]*manifest.File{}
	for _, f := range set.Files {
		files[f.Path] = f
	}
	t := &report.Text{W: e.stdout, Color: useColor(e.stdout), Source: func(p string) *manifest.File { return files[p] }}
	if err := t.Write(fs); err != nil {
		return fail(ExitUsage, "writing output: %v", err)
	}
	report.Summary(e.stderr, fs, len(set.Files))
	if m, ok := finding.Max(fs); ok && m >= failOn {
		return exitCode(ExitFindings)
	}
	return nil
}
