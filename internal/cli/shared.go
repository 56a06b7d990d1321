package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/sagectl/sagectl/internal/config"
	"github.com/sagectl/sagectl/internal/lintcli"
	"github.com/sagectl/sagectl/lint"
	"github.com/urfave/cli/v2"
)

// The names below give this package's commands the lintcli helpers they share with
// lint: exit codes, errors, colour, and the lint settings plan and apply reuse.

// Exit codes, as in lintcli.
const (
	ExitOK       = lintcli.ExitOK
	ExitFindings = lintcli.ExitFindings
	ExitUsage    = lintcli.ExitUsage
)

// Version is sagectl's version (lintcli.Version, set at build time).
var Version = lintcli.Version

var (
	useColor    = lintcli.UseColor
	isTerminal  = lintcli.IsTerminal
	configFlag  = lintcli.ConfigFlag
	excludeFlag = lintcli.ExcludeFlag
)

// exitError ends a command with an exit code and an optional message.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

// ExitCode returns the exit code (lintcli.ExitCoder).
func (e exitError) ExitCode() int { return e.code }

// fail returns an error that makes sagectl print msg and exit with code.
func fail(code int, format string, args ...any) error {
	return exitError{code: code, msg: fmt.Sprintf(format, args...)}
}

// exitCode ends a command quietly with code.
func exitCode(code int) error {
	if code == 0 {
		return nil
	}
	return exitError{code: code}
}

// fromLint turns lintcli's exit errors into this package's, so commands can inspect them.
func fromLint(err error) error {
	var c lintcli.ExitCoder
	if errors.As(err, &c) {
		return exitError{code: c.ExitCode(), msg: c.Error()}
	}
	return err
}

// env is what a command needs from the process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func (e *env) lint() *lintcli.Env {
	return &lintcli.Env{Stdin: e.stdin, Stdout: e.stdout, Stderr: e.stderr}
}

// lintSettings are the lint settings (config file, excludes) of one run.
type lintSettings struct {
	cfg     *config.Config
	exclude config.Exclude
}

func loadLintSettings(e *env, c *cli.Context) (*lintSettings, error) {
	s, err := lintcli.LoadSettings(e.lint(), c)
	if err != nil {
		return nil, fromLint(err)
	}
	return &lintSettings{cfg: s.Config, exclude: s.Exclude}, nil
}

func (s *lintSettings) lint(e *env, paths []string) (*lint.Result, error) {
	st := &lintcli.Settings{Config: s.cfg, Exclude: s.exclude}
	res, err := st.Lint(e.lint(), paths)
	return res, fromLint(err)
}
