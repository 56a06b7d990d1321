package lintcmd

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

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
	rep := &report{e: e, c: c, format: format, failOn: failOn}
	sum, err := settings.LintStream(e, paths, rep.file) // env.go: streamed, or the base and every environment
	if rep.err != nil {
		return fail(ExitUsage, "writing the report: %v", rep.err)
	}
	if err != nil {
		return err
	}
	if c.Bool("verbose") {
		for _, s := range sum.Skipped {
			if s.Doc < 0 {
				fmt.Fprintf(e.Stderr, "sagectl: skipped %s: it %s\n", s.Path, s.Reason)
			} else {
				fmt.Fprintf(e.Stderr, "sagectl: skipped %s, document %d: it %s\n", s.Path, s.Doc+1, s.Reason)
			}
		}
	}
	if len(sum.NoManifest) > 0 && !settings.OnlyManifests {
		if rep.r != nil { // the files of the other paths are reported already: end the report
			_ = rep.finish()
		}
		return noManifest(sum.NoManifest, sum.Skipped)
	}
	if err := rep.finish(); err != nil {
		return err
	}
	rep.counts.Summary(e.Stderr, sum.Files, sum.SkippedFiles())
	if rep.failed {
		return exitCode(ExitFindings)
	}
	return nil
}

// noManifest is the error for paths that gave no manifest: a wrong path must not pass.
func noManifest(paths []string, skippedFiles []manifest.Skipped) error {
	skipped := map[string]int{}
	for _, s := range skippedFiles {
		if s.Doc < 0 {
			skipped[s.From]++
		}
	}
	var parts []string
	for _, p := range paths {
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

// report renders a streamed run in its format to standard output or --output, file by
// file as Stream emits them; it starts (opening --output) with the first file.
type report struct {
	e      *Env
	c      *cli.Context
	format string
	failOn finding.Severity
	r      render.Formatter
	cur    *manifest.File // the file whose findings are being written
	out    *bufio.Writer  // the report's writer, flushed after each file
	closer io.Closer
	counts render.Counts
	failed bool  // a finding fails the run
	err    error // the first error writing the report
}

// start opens the output and the formatter.
func (rep *report) start() error {
	w, color := rep.e.Stdout, useColor(rep.e.Stdout)
	if out := rep.c.String("output"); out != "" {
		f, err := os.Create(out)
		if err != nil {
			return fail(ExitUsage, "--output: cannot write %s: %v", out, err)
		}
		rep.closer = f
		w, color = f, false
	}
	rep.out = bufio.NewWriterSize(w, 64<<10)
	opt := render.Options{W: rep.out, Color: color, Source: rep.source,
		Rel: repoRelative(), Root: repoRoot(), Rules: ruleDocs, FailOn: rep.failOn, Version: Version,
		Fails: func(f finding.Finding) bool { return lint.Fails(f, rep.failOn) }}
	if rep.format == "github" {
		if sw := stepSummary(rep.e.Stderr); sw != nil {
			opt.StepSummary = sw
			rep.closer = multiCloser{rep.closer, sw}
		}
	}
	r, err := render.New(rep.format, opt)
	if err != nil {
		return fail(ExitUsage, "--format: %v", err)
	}
	rep.r = r
	return nil
}

// source is the file being reported, for snippets and fingerprints.
func (rep *report) source(p string) *manifest.File {
	if rep.cur != nil && rep.cur.Path == p {
		return rep.cur
	}
	return nil
}

// file writes one file's findings (lint.Stream's emit).
func (rep *report) file(res *lint.FileResult) error {
	if rep.r == nil {
		if err := rep.start(); err != nil {
			return err
		}
	}
	rep.cur = res.File
	for _, f := range res.Findings {
		rep.counts.Add(f)
		rep.failed = rep.failed || lint.Fails(f, rep.failOn) // informational findings (the traffic split) never fail
		if err := rep.r.Write(f); err != nil {
			rep.err = err
			return err
		}
	}
	if fd, ok := rep.r.(render.FileDone); ok {
		if err := fd.FileDone(res.File.Path, res.Docs); err != nil {
			rep.err = err
			return err
		}
	}
	rep.cur = nil
	if err := rep.out.Flush(); err != nil {
		rep.err = err
		return err
	}
	return nil
}

// finish ends the report (an empty one when no file was judged) and closes the output.
func (rep *report) finish() error {
	if rep.r == nil {
		if err := rep.start(); err != nil {
			return err
		}
	}
	err := rep.r.Flush()
	if ferr := rep.out.Flush(); err == nil {
		err = ferr
	}
	if rep.closer != nil {
		if cerr := rep.closer.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fail(ExitUsage, "writing the report: %v", err)
	}
	return nil
}

// multiCloser closes each of its non-nil closers.
type multiCloser []io.Closer

// Close closes them all and returns the first error.
func (m multiCloser) Close() error {
	var first error
	for _, c := range m {
		if c == nil {
			continue
		}
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
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
	var mu sync.Mutex
	var lastIn, lastOut string // findings come file by file: resolving symlinks once per file suffices
	return func(p string) string {
		mu.Lock()
		defer mu.Unlock()
		if p != lastIn || lastIn == "" {
			lastIn, lastOut = p, relativeTo(root, p)
		}
		return lastOut
	}
}

// relativeTo is repoRelative's function for the root.
func relativeTo(root, p string) string {
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
