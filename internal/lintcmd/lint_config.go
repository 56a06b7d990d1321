package lintcmd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sagectl/sagectl/internal/config"
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/lint"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/urfave/cli/v2"
)

// ConfigFlag and ExcludeFlag are the flags that concern the configuration file; plan
// and apply take them too.
var (
	ConfigFlag = &cli.StringFlag{Name: "config", Usage: "read settings from `FILE` instead of the " + config.FileName +
		" found in the working directory or a parent"}
	ExcludeFlag = &cli.StringSliceFlag{Name: "exclude", Usage: "skip paths matching `GLOB` (a name, or a path from the working directory; ** for any depth); repeatable, added to the config's exclude"}
)

// Settings is what the configuration and its flags decide for one lint run; plan and
// apply use the same settings.
type Settings struct {
	// Config is the .sagectl.yaml in force (defaults when there is none).
	Config *config.Config
	// Exclude holds the --exclude patterns, anchored at the working directory.
	Exclude config.Exclude
	// OnlyManifests skips the named files that are not manifests (lint --only-manifests).
	OnlyManifests bool
	// Root is the repository: the folder holding the .sagectl.yaml found, else the git
	// top level, else the working directory.
	Root string
	// Context is the index of Root's manifests references resolve against (lint sets
	// it with RepoContext); nil resolves them against the linted files only.
	Context *manifest.Index
	// Env is the environment (--env, SelectEnv) whose overlay Lint merges in; nil for
	// the base manifests.
	Env *config.Environment
}

// skip reports whether a file is excluded, by the config or --exclude.
func (s *Settings) skip(p string) bool { return s.Config.Exclude.Match(p) || s.Exclude.Match(p) }

// LoadSettings reads --config, or the .sagectl.yaml found upward from the working
// directory, and --exclude. An unreadable or invalid config file ends the run with
// exit code 2 after printing every problem at its position.
func LoadSettings(e *Env, c *cli.Context) (*Settings, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, fail(ExitUsage, "cannot find the working directory: %v", err)
	}
	s := &Settings{Config: config.Default(), Exclude: config.Exclude{Dir: wd, Patterns: c.StringSlice("exclude")}, Root: gitTop(wd)}
	if found := config.Find(wd); found != "" {
		s.Root = filepath.Dir(found)
	}
	path := c.String("config")
	if path == "" {
		path = config.Find(wd)
		if rel, err := filepath.Rel(wd, path); err == nil && path != "" {
			path = rel // shorter in messages; relative to where the user is
		}
	}
	if path == "" {
		return s, nil
	}
	cfg, err := config.Load(path, ruleIDs())
	var ce *config.Error
	switch {
	case errors.As(err, &ce):
		for _, f := range ce.Findings {
			fmt.Fprintf(e.Stderr, "sagectl: %s:%d:%d: %s", f.File, f.Line, f.Col, f.Message)
			if f.Hint != "" {
				fmt.Fprintf(e.Stderr, " (%s)", f.Hint)
			}
			fmt.Fprintln(e.Stderr)
		}
		return nil, fail(ExitUsage, "invalid config file %s", path)
	case err != nil:
		return nil, fail(ExitUsage, "%v", err)
	}
	s.Config = cfg
	return s, nil
}

func ruleIDs() []string {
	var ids []string
	for _, r := range lint.Registry() {
		ids = append(ids, r.Info().ID)
	}
	return ids
}

// failOn is --fail-on when given, else the config's fail-on, else error.
func (s *Settings) failOn(c *cli.Context) (finding.Severity, error) {
	if !c.IsSet("fail-on") && s.Config.FailOnSet {
		return s.Config.FailOn, nil
	}
	sev, err := finding.ParseSeverity(c.String("fail-on"))
	if err != nil {
		return sev, fail(ExitUsage, "--fail-on: %v", err)
	}
	return sev, nil
}

// RepoContext indexes the manifests of s.Root, so references in paths resolve against
// the whole repository; it does nothing when a path already covers the root (then every
// manifest is linted anyway) and for paths outside the root.
func (s *Settings) RepoContext(paths []string) {
	root, err := filepath.Abs(s.Root)
	if err != nil {
		return
	}
	root = resolve(root)
	for _, p := range paths {
		if p == "-" {
			continue
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return
		}
		rel, err := filepath.Rel(resolve(abs), root)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return // p is the root or holds it
		}
	}
	s.Context = manifest.IndexRepo(root, s.skip)
}

// Stream runs lint.Stream over paths with these settings, emit receiving each file's
// findings in input order. Only an unreadable path is an error (exit 2); an error of
// emit is returned as it is.
func (s *Settings) Stream(e *Env, paths []string, emit func(*lint.FileResult) error) (*lint.Summary, error) {
	skip := func(p string) bool { return s.Config.Exclude.Match(p) || s.Exclude.Match(p) }
	opt := lint.OptionsFor(s.Config)
	opt.Context = s.Context
	var emitErr error
	in := lint.Input{Paths: paths, Stdin: e.Stdin, Skip: skip, OnlyManifests: s.OnlyManifests, RequireManifests: !s.OnlyManifests, Indexed: keepSlack}
	sum, err := lint.Stream(in, opt, func(r *lint.FileResult) error {
		emitErr = emit(r)
		return emitErr
	})
	if err != nil && err != emitErr {
		return nil, fail(ExitUsage, "%v", err)
	}
	return sum, err
}

// Lint runs lint.Run over paths with these settings: the excluded files skipped, the
// rules configured, s.Env's overlay merged in (env.go). Only an unreadable path (or
// overlay folder) is an error (exit 2).
func (s *Settings) Lint(e *Env, paths []string) (*lint.Result, error) {
	if s.Env != nil {
		return s.lintEnv(e, paths, s.Env)
	}
	opt := lint.OptionsFor(s.Config)
	opt.Context = s.Context
	res, err := lint.Run(lint.Input{Paths: paths, Stdin: e.Stdin, Skip: s.skip, OnlyManifests: s.OnlyManifests}, opt)
	if err != nil {
		return nil, fail(ExitUsage, "%v", err)
	}
	return res, nil
}
