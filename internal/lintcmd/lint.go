package lintcmd

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/lint"
	"github.com/sagectl/sagectl/internal/lint/render"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/urfave/cli/v2"
)

func lintCommand(e *Env) *cli.Command {
	return &cli.Command{
		Name:      "lint",
		Usage:     "check manifests against the schema and SageMaker's rules",
		ArgsUsage: "[PATH...]  (files, directories, or - for standard input; default .)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text",
				Usage: "output format: " + strings.Join(render.Formats(), ", ") + " (github is the default when GITHUB_ACTIONS=true)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the report to `FILE` instead of standard output"},
			&cli.StringFlag{Name: "fail-on", Value: "error", Usage: "exit 1 when a finding is at or above this severity: error, warning, info"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list on standard error the files and documents skipped as not SageMaker manifests"},
			&cli.BoolFlag{Name: "only-manifests", Usage: "skip the named files that are not SageMaker manifests, as directory walks do, and succeed when none is left (the pre-commit hook sets it)"},
			ConfigFlag, ExcludeFlag, EnvFlag, // lint_config.go, env.go
		},
		Action: func(c *cli.Context) error { return runLint(e, c) },
	}
}

func runLint(e *Env, c *cli.Context) error {
	settings, err := LoadSettings(e, c) // .sagectl.yaml, --config, --exclude: lint_config.go
	if err != nil {
		return err
	}
	failOn, err := settings.failOn(c)
	if err != nil {
		return err
	}
	format := lintFormat(c)
	if _, err := render.New(format, render.Options{}); err != nil {
		return fail(ExitUsage, "--format: %v", err)
	}
	paths := c.Args().Slice()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	settings.OnlyManifests = c.Bool("only-manifests")
	settings.RepoContext(paths)
	if _, err := settings.SelectEnv(c); err != nil {
		return err
	}
	res, err := settings.LintAll(e, paths) // env.go: the base and every environment
	if err != nil {
		return err
	}
	if c.Bool("verbose") {
		for _, s := range res.Set.Skipped {
			if s.Doc < 0 {
				fmt.Fprintf(e.Stderr, "sagectl: skipped %s: it %s\n", s.Path, s.Reason)
			} else {
				fmt.Fprintf(e.Stderr, "sagectl: skipped %s, document %d: it %s\n", s.Path, s.Doc+1, s.Reason)
			}
		}
	}
	if len(res.Set.NoManifest) > 0 && !settings.OnlyManifests {
		return noManifest(res.Set)
	}
	if err := writeReport(e, c, format, res.Set, res.Findings, failOn); err != nil {
		return err
	}
	render.SummarySkipped(e.Stderr, res.Findings, len(res.Set.Files), res.Set.SkippedFiles())
	for _, f := range res.Findings {
		if lint.Fails(f, failOn) { // informational findings (the traffic split) never fail
			return exitCode(ExitFindings)
		}
	}
	return nil
}

// noManifest is the error for paths that gave no manifest: a wrong path must not pass.
func noManifest(set *manifest.Set) error {
	skipped := map[string]int{}
	for _, s := range set.Skipped {
		if s.Doc < 0 {
			skipped[s.From]++
		}
	}
	var parts []string
	for _, p := range set.NoManifest {
		if n := skipped[p]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s (%d YAML/JSON files, none a SageMaker manifest; --verbose lists them)", p, n))
		} else {
			parts = append(parts, fmt.Sprintf("%s (no YAML or JSON file, or every one excluded)", p))
		}
	}
	return fail(ExitUsage, "no SageMaker manifest found in %s; check the path, or lint the folder holding the Model, EndpointConfig and Endpoint manifests",
		strings.Join(parts, ", "))
}

// lintFormat is --format, or github when running in GitHub Actions without one.
func lintFormat(c *cli.Context) string {
	if !c.IsSet("format") && os.Getenv("GITHUB_ACTIONS") == "true" {
		return "github"
	}
	return c.String("format")
}

// writeReport renders fs in format to standard output or --output.
func writeReport(e *Env, c *cli.Context, format string, set *manifest.Set, fs []finding.Finding, failOn finding.Severity) error {
	files := map[string]*manifest.File{}
	paths := make([]string, 0, len(set.Files))
	for _, f := range set.Files {
		files[f.Path] = f
		paths = append(paths, f.Path)
	}
	w, color := e.Stdout, useColor(e.Stdout)
	if out := c.String("output"); out != "" {
		f, err := os.Create(out)
		if err != nil {
			return fail(ExitUsage, "--output: cannot write %s: %v", out, err)
		}
		defer f.Close()
		w, color = f, false
	}
	opt := render.Options{W: w, Color: color, Source: func(p string) *manifest.File { return files[p] },
		Rel: repoRelative(), Root: repoRoot(), Files: paths, Docs: set.Docs, Rules: ruleDocs, FailOn: failOn, Version: Version,
		Fails: func(f finding.Finding) bool { return lint.Fails(f, failOn) }}
	if format == "github" {
		if sw := stepSummary(e.Stderr); sw != nil {
			defer sw.Close()
			opt.StepSummary = sw
		}
	}
	r, err := render.New(format, opt)
	if err != nil {
		return fail(ExitUsage, "--format: %v", err)
	}
	for _, f := range fs {
		if err := r.Write(f); err != nil {
			return fail(ExitUsage, "writing the report: %v", err)
		}
	}
	if err := r.Flush(); err != nil {
		return fail(ExitUsage, "writing the report: %v", err)
	}
	return nil
}

// PrintFindings prints fs as lint's text format does, to w: plan prints the errors that
// stop it this way on standard error, so standard output stays a plan.
func PrintFindings(w io.Writer, set *manifest.Set, fs []finding.Finding) {
	files := map[string]*manifest.File{}
	for _, f := range set.Files {
		files[f.Path] = f
	}
	t := &render.Text{W: w, Color: useColor(w), Source: func(p string) *manifest.File { return files[p] }}
	for _, f := range fs {
		_ = t.Write(f) // a failing standard error has nowhere to report to
	}
	_ = t.Flush()
}

// stepSummary opens $GITHUB_STEP_SUMMARY for appending, or returns nil when it is
// unset or cannot be opened (then a warning says so: annotations are still written).
func stepSummary(stderr io.Writer) io.WriteCloser {
	p := os.Getenv("GITHUB_STEP_SUMMARY")
	if p == "" {
		return nil
	}
	f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		fmt.Fprintf(stderr, "sagectl: warning: cannot write the job summary to GITHUB_STEP_SUMMARY: %v\n", err)
		return nil
	}
	return f
}

// repoRelative returns a function that turns a path into a slash-separated path
// relative to the git top-level (the nearest directory upward holding .git) or, outside
// a repository, the working directory. Symlinks are resolved; a path outside that root,
// or one that cannot be resolved, is kept as given.
func repoRelative() func(string) string {
	wd, err := os.Getwd()
	if err != nil {
		return filepath.ToSlash
	}
	root := gitTop(wd)
	return func(p string) string {
		if p == "-" {
			return p
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return filepath.ToSlash(p)
		}
		r, err := filepath.Rel(root, resolve(abs))
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(p)
		}
		return filepath.ToSlash(r)
	}
}

// repoRoot is the root repoRelative is relative to: the git top level of the working
// directory, or the working directory.
func repoRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return gitTop(wd)
}

// gitTop returns the nearest directory upward from dir holding .git (symlinks
// resolved), or dir itself outside a repository.
func gitTop(dir string) string {
	start := resolve(dir)
	for d := start; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return start
		}
	}
}

// resolve follows symlinks in an absolute path, keeping it as is when that fails.
func resolve(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}
