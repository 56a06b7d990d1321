// Package lintcmd holds the commands of the sagectl binary (lint, rules, explain,
// schema) and the command-line core both binaries share: the application, Env, the
// exit codes and errors, and the lint settings plan reuses. It never links the AWS
// SDK, so a `sagectl lint` process starts in about a millisecond; plan, apply, import
// and emulator are in package awscmd, in the sagectl-aws binary that `sagectl` hands
// those commands to.
package lintcmd

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/sagectl/sagectl/internal/suggest"
	"github.com/urfave/cli/v2"
)

// Exit codes shared by the commands.
const (
	ExitOK       = 0
	ExitFindings = 1 // lint: findings at or above --fail-on; plan/apply: failure
	ExitUsage    = 2 // could not run: bad flag, unreadable path, bad config
)

// Version is set at build time with
// -ldflags "-X github.com/sagectl/sagectl/internal/lintcmd.Version=...".
var Version = "dev"

// Env is what a command needs from the process, so tests can run commands in-process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// CommandFunc builds one command for an Env.
type CommandFunc func(e *Env) *cli.Command

// Run runs sagectl with args (args[0] is the program name): the built-in commands plus
// extra, and returns the exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer, extra ...CommandFunc) int {
	e := &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr}
	cmds := []*cli.Command{lintCommand(e), rulesCommand(e), explainCommand(e), schemaCommand(e), completionCommand(e)}
	for _, f := range extra {
		cmds = append(cmds, f(e))
	}
	app := &cli.App{
		Name:    "sagectl",
		Usage:   "lint, plan and apply Amazon SageMaker hosting manifests",
		Version: versionLine(),
		// `sagectl completion` prints the scripts that use it (completion.go).
		EnableBashCompletion: true,
		Reader:               stdin,
		Writer:               stdout,
		ErrWriter:            stderr,
		Commands:             cmds,
		// Errors are printed once, below; exit codes come from exitError.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return usageError{err: err}
		},
		// Without a command: the help; with an unknown one: exit 2 and a did-you-mean.
		Action: func(c *cli.Context) error {
			if !c.Args().Present() {
				return cli.ShowAppHelp(c)
			}
			return unknownCommand(c.App, c.Args().First())
		},
	}
	for _, cmd := range cmds {
		if cmd.OnUsageError != nil {
			continue // a command with its own exit code for usage errors (UsageExit)
		}
		name := cmd.Name
		cmd.OnUsageError = func(c *cli.Context, err error, _ bool) error {
			return usageError{err: err, command: name}
		}
	}
	if completeEnv(stdout, args) { // completion.go: the environments, for --env <TAB>
		return ExitOK
	}
	var err error
	if len(args) == 0 || args[len(args)-1] != completionFlag { // urfave/cli wants that one last
		args, err = reorderFlags(app, args)
	}
	if err == nil {
		err = helpTopic(app, args)
	}
	if err == nil {
		err = app.Run(args)
	}
	var ee ExitCoder
	var ue usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		if msg := ee.Error(); msg != "" {
			fmt.Fprintln(stderr, "sagectl:", msg)
		}
		return ee.ExitCode()
	case errors.As(err, &ue):
		help := "sagectl help"
		if ue.command != "" {
			help = "sagectl " + ue.command + " --help"
		}
		fmt.Fprintf(stderr, "sagectl: %v\nRun '%s' for usage.\n", ue.err, help)
		if ue.code != 0 {
			return ue.code
		}
		return ExitUsage
	default:
		fmt.Fprintln(stderr, "sagectl:", err)
		return ExitUsage
	}
}

// exitError ends a command with a given exit code and an optional message.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

// ExitCode returns the exit code the error ends sagectl with.
func (e exitError) ExitCode() int { return e.code }

// ExitCoder is an error that carries the exit code sagectl ends with; its message
// (when not empty) is printed once, prefixed with "sagectl:".
type ExitCoder interface {
	error
	ExitCode() int
}

// Fail returns an error that makes sagectl print the message and exit with code.
func Fail(code int, format string, args ...any) error {
	return exitError{code: code, msg: fmt.Sprintf(format, args...)}
}

// ExitCode returns an error that ends the command quietly with code (nil for 0).
func ExitCode(code int) error {
	if code == 0 {
		return nil
	}
	return exitError{code: code}
}

// usageError is a flag or argument error of the command named (empty: of sagectl).
type usageError struct {
	err     error
	command string
	code    int // the exit code; 0 means ExitUsage
}

// UsageExit is a command's OnUsageError (a bad flag or flag value) that ends sagectl with
// code instead of ExitUsage: plan, apply and import exit 1 on every error, so that plan's 2
// means only "changes".
func UsageExit(code int) cli.OnUsageErrorFunc {
	return func(c *cli.Context, err error, _ bool) error {
		ue := usageError{err: err, code: code}
		if c != nil && c.Command != nil {
			ue.command = c.Command.Name
		}
		return ue
	}
}

// usageErrorOf is err as cmd's usage error, with the exit code cmd chose (UsageExit).
func usageErrorOf(cmd *cli.Command, err error) error {
	ue := usageError{err: err}
	if cmd.OnUsageError != nil {
		if e, ok := cmd.OnUsageError(nil, err, false).(usageError); ok {
			ue = e
		}
	}
	ue.command = cmd.Name
	return ue
}

// helpTopic refuses `sagectl help NAME` for a NAME no command has, as an unknown command
// is refused (exit 2, did-you-mean) rather than urfave/cli's "No help topic" (exit 3).
func helpTopic(app *cli.App, args []string) error {
	if len(args) >= 3 && (args[1] == "help" || args[1] == "h") && app.Command(args[2]) == nil {
		return unknownCommand(app, args[2])
	}
	return nil
}

// unknownCommand is the error for `sagectl NAME` when no command is called NAME.
func unknownCommand(app *cli.App, name string) error {
	var names []string
	for _, c := range app.Commands {
		if !c.Hidden {
			names = append(names, c.Names()...)
		}
	}
	msg := fmt.Sprintf("unknown command %q", name)
	if s := suggest.Closest(name, names); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return usageError{err: errors.New(msg)}
}

func (u usageError) Error() string { return u.err.Error() }

// IsTerminal reports whether w is a terminal, for colour and progress output.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// UseColor applies the NO_COLOR convention (https://no-color.org: set and not empty
// disables colour; NO_COLOR= does not) on top of terminal detection.
func UseColor(w io.Writer) bool {
	return !noColor() && IsTerminal(w)
}

// noColor reports whether NO_COLOR asks for no colour: set and not empty.
func noColor() bool {
	return os.Getenv("NO_COLOR") != ""
}

// fail and exitCode are the short names the command files use.
var (
	fail     = Fail
	exitCode = ExitCode
	useColor = UseColor
)
