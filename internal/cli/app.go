// Package cli is sagectl's full command line: the lint-side commands of package
// lintcli plus the commands that talk to SageMaker (plan, apply, import, emulator),
// one file per command. The sagectl-aws binary runs it; `sagectl` runs lintcli alone
// and hands these commands over, so linting never pays for linking the AWS SDK.
package cli

import (
	"io"

	"github.com/sagectl/sagectl/internal/lintcli"
	"github.com/urfave/cli/v2"
)

// Main runs sagectl with every command and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return lintcli.Run(args, stdin, stdout, stderr, awsCommands()...)
}

// awsCommands lists the SageMaker-side commands, in the order `sagectl help` shows
// them; lintcli.AWSCommands must name the same ones (a test checks).
func awsCommands() []lintcli.CommandFunc {
	return []lintcli.CommandFunc{
		adapt(planCommand),
		adapt(importCommand),
		adapt(applyCommand),
		adapt(emulatorCommand),
	}
}

// adapt turns a command of this package into a lintcli.CommandFunc.
func adapt(f func(*env) *cli.Command) lintcli.CommandFunc {
	return func(e *lintcli.Env) *cli.Command {
		return f(&env{stdin: e.Stdin, stdout: e.Stdout, stderr: e.Stderr})
	}
}
