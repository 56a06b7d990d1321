// Package cli is sagectl's command line: one file per command, wired together here.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
)

// Exit codes shared by the commands.
const (
	ExitOK       = 0
	ExitFindings = 1 // lint: findings at or above --fail-on; plan/apply: failure
	ExitUsage    = 2 // could not run: bad flag, unreadable path, bad config
)

// Version is set at build time with -ldflags "-X github.com/sagectl/sagectl/internal/cli.Version=...".
var Version = "dev"

// env is what a command needs from the process, so tests can run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// Main runs sagectl with args (args[0] is the program name) and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	code := ExitOK
	app := &cli.App{
		Name:      "sagectl",
		Usage:     "lint, plan and apply Amazon SageMaker hosting manifests",
		Version:   Version,
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		Commands:  commands(e),
		// Errors are printed once, here; exit codes come from exitError.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return usageError{err}
		},
	}
	if err := app.Run(reorderFlags(app, args)); err != nil {
		var ee exitError
		var ue usageError
		switch {
		case errors.As(err, &ee):
			if ee.msg != "" {
				fmt.Fprintln(stderr, "sagectl:", ee.msg)
			}
			return ee.code
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "sagectl: %v\nRun 'sagectl help' for usage.\n", ue.err)
			return ExitUsage
		default:
			fmt.Fprintln(stderr, "sagectl:", err)
			return ExitUsage
		}
	}
	return code
}

// commands lists every command: the one registry of the CLI.
func commands(e *env) []*cli.Command {
	return []*cli.Command{
		lintCommand(e),
		rulesCommand(e),
		explainCommand(e),
		schemaCommand(e),
		planCommand(e),
		importCommand(e),
		applyCommand(e),
		emulatorCommand(e),
	}
}

// exitError ends a command with a given exit code and an optional message.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

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

type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }

// isTerminal reports whether w is a terminal, for colour and progress output.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// useColor applies the NO_COLOR convention on top of terminal detection.
func useColor(w io.Writer) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set {
		return false
	}
	return isTerminal(w)
}
