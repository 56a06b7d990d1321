// Package awscmd holds the commands of the sagectl-aws binary, those that talk to
// SageMaker (plan, apply, import, snapshot, emulator), one file per command. Main runs them next
// to the commands of package lintcmd, with lintcmd's Env, exit codes and errors;
// `sagectl` (package lintcmd alone) hands these commands over, so linting never pays
// for linking the AWS SDK.
package awscmd

import (
	"errors"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/sagectl/sagectl/internal/lintcmd"
)

// oneOnError gives a command the exit codes of plan, apply and import: every error, a bad
// flag or invocation included, exits 1 (lintcmd.ExitFindings), so that plan's
// --detailed-exitcode 2 means only "changes" and a script can tell them apart.
func oneOnError(cmd *cli.Command) *cli.Command {
	action := cmd.Action
	cmd.OnUsageError = lintcmd.UsageExit(lintcmd.ExitFindings)
	cmd.Action = func(c *cli.Context) error {
		err := action(c)
		var ee lintcmd.ExitCoder
		if _, changes := err.(hasChanges); !changes && errors.As(err, &ee) && ee.ExitCode() == lintcmd.ExitUsage {
			return lintcmd.Fail(lintcmd.ExitFindings, "%s", ee.Error())
		}
		return err
	}
	return cmd
}

// Main runs sagectl with every command and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return lintcmd.Run(args, stdin, stdout, stderr, awsCommands()...)
}

// awsCommands lists the SageMaker-side commands, in the order `sagectl help` shows
// them; lintcmd.AWSCommands must name the same ones (a test checks).
func awsCommands() []lintcmd.CommandFunc {
	return []lintcmd.CommandFunc{planCommand, importCommand, applyCommand, snapshotCommand, emulatorCommand}
}
