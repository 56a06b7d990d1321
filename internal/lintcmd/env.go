package lintcmd

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sagectl/sagectl/internal/config"
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/lint"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/overlay"
	"github.com/sagectl/sagectl/internal/suggest"
	"github.com/sagectl/sagectl/internal/suppress"
	"github.com/urfave/cli/v2"
)

// EnvFlag is --env of lint, plan, apply and import: the environment of .sagectl.yaml
// (environments:) whose overlay, account and region the run uses.
var EnvFlag = &cli.StringFlag{Name: "env", Usage: "use environment `NAME` of the config's environments: (its overlay, account, region and profile); lint without it checks the base and every environment"}

// SelectEnv reads --env: the environment it names, nil without --env, or an error naming
// the environments the config defines.
func (s *Settings) SelectEnv(c *cli.Context) (*config.Environment, error) {
	name := c.String("env")
	if name == "" {
		return nil, nil
	}
	env := s.Config.Env(name)
	if env != nil {
		s.Env = env
		return env, nil
	}
	names := s.Config.EnvNames()
	where := s.Config.Path
	if where == "" {
		return nil, fail(ExitUsage, "--env %s: there is no %s, so no environment is defined; add environments: to one (docs/environments.md)", name, config.FileName)
	}
	if len(names) == 0 {
		return nil, fail(ExitUsage, "--env %s: %s defines no environments:; add one (docs/environments.md)", name, where)
	}
	msg := fmt.Sprintf("--env %s: %s defines no environment %q (it defines %s)", name, where, name, strings.Join(names, ", "))
	if d := suggest.Closest(name, names); d != "" {
		msg += fmt.Sprintf("; did you mean %q?", d)
	}
	return nil, fail(ExitUsage, "%s", msg)
}

// lintEnv lints paths with env's overlay merged in: the base loaded as Lint loads it,
// the overlay applied, the merged set checked, every finding moved to the file and line
// that supplied the value and labelled with the environment.
func (s *Settings) lintEnv(e *Env, paths []string, env *config.Environment) (*lint.Result, error) {
	base, loaded, err := s.loadBase(e, paths)
	if err != nil {
		return nil, err
	}
	return s.lintMerged(base, loaded, env)
}

// loadBase loads the base manifests under paths as Lint does.
func (s *Settings) loadBase(e *Env, paths []string) (*manifest.Set, []finding.Finding, error) {
	base, loaded, err := manifest.Load(paths, manifest.Options{Stdin: e.Stdin, Skip: s.skip, OnlyManifests: s.OnlyManifests})
	if err != nil {
		return nil, nil, fail(ExitUsage, "%v", err)
	}
	return base, loaded, nil
}

// lintMerged lints base (loaded: its loader findings) with env's overlay merged in; base
// is not changed, so one load serves every environment.
func (s *Settings) lintMerged(base *manifest.Set, loaded []finding.Finding, env *config.Environment) (*lint.Result, error) {
	var elsewhere func(manifest.Kind, string) bool
	if s.Context != nil {
		elsewhere = s.Context.Has
	}
	m, err := overlay.Apply(base, env.Name, shortPath(env.Overlay), elsewhere)
	if err != nil {
		return nil, fail(ExitUsage, "%v", err)
	}
	opt := lint.OptionsFor(s.Config)
	opt.Context = s.Context
	fs := append(m.Locate(lint.Check(m.Checked, loaded, opt)), m.Findings...)
	fs = s.overlayIgnores(m.Overlays, opt.Rules, fs)
	for i := range fs {
		fs[i] = m.Label(fs[i])
	}
	finding.Sort(fs)
	return &lint.Result{Set: m.Set, Findings: fs}, nil
}

// overlayIgnores applies the ignore comments of the overlay files to fs (lint.Check
// applied the base files' before the findings had their overlay lines), with the
// config's settings for the ignore-* findings this adds.
func (s *Settings) overlayIgnores(files []*manifest.File, ran []lint.Rule, fs []finding.Finding) []finding.Finding {
	if len(files) == 0 {
		return fs
	}
	on := map[string]bool{}
	for _, r := range ran {
		on[r.Info().ID] = true
	}
	out := suppress.Apply(files, fs, suppress.Options{Rules: ruleIDs(), Ran: func(id string) bool { return on[id] }})
	kept, sev := out[:0], s.Config.Severities()
	for _, f := range out {
		if strings.HasPrefix(f.Rule, "ignore-") {
			if s.Config.Disabled(f.Rule) {
				continue
			}
			if v, ok := sev[f.Rule]; ok {
				f.Severity = v
			}
		}
		kept = append(kept, f)
	}
	return kept
}

// LintAll is lint's run: with --env (s.Env) that environment only; else the base and,
// when the config defines environments, every one of them, each finding reported once: a
// finding of the base as it is, one that only an environment has labelled with it.
func (s *Settings) LintAll(e *Env, paths []string) (*lint.Result, error) {
	res, err := s.Lint(e, paths)
	if err != nil || s.Env != nil || len(s.Config.Environments) == 0 || slices.Contains(paths, "-") {
		return res, err // standard input is read once: lint it with --env NAME for an environment
	}
	seen := map[string]bool{}
	for _, f := range res.Findings {
		seen[findingKey(f)] = true
	}
	files := map[string]bool{}
	for _, f := range res.Set.Files {
		files[f.Path] = true
	}
	base, loaded, err := s.loadBase(e, paths)
	if err != nil {
		return nil, err
	}
	for i := range s.Config.Environments {
		env := &s.Config.Environments[i]
		er, err := s.lintMerged(base, loaded, env)
		if err != nil {
			return nil, err
		}
		prefix := "[environment " + env.Name + "] "
		for _, f := range er.Findings {
			plain := f
			plain.Message = strings.TrimPrefix(f.Message, prefix)
			if k := findingKey(plain); !seen[k] {
				seen[k] = true
				res.Findings = append(res.Findings, f)
			}
		}
		for _, f := range er.Set.Files {
			if !files[f.Path] {
				files[f.Path] = true
				res.Set.Files = append(res.Set.Files, f)
			}
		}
	}
	finding.Sort(res.Findings)
	return res, nil
}

// shortPath is p relative to the working directory (findings name files as the user
// would type them), else p.
func shortPath(p string) string {
	wd, err := os.Getwd()
	if err != nil || p == "" {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil {
		return rel
	}
	return p
}

// findingKey identifies a finding across runs: rule, position and message.
func findingKey(f finding.Finding) string {
	return fmt.Sprintf("%s\x00%s\x00%d\x00%d\x00%s", f.Rule, f.File, f.Line, f.Col, f.Message)
}
