// Package awscmd holds the commands of the sagectl-aws binary, those that talk to
// SageMaker (plan, apply, import, emulator), one file per command. Main runs them next
// to the commands of package lintcmd, with lintcmd's Env, exit codes and errors;
// `sagectl` (package lintcmd alone) hands these commands over, so linting never pays
// for linking the AWS SDK.
package awscmd

import (
	"io"

	"github.com/sagectl/sagectl/internal/lintcmd"
)

// Main runs sagectl with every command and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return lintcmd.Run(args, stdin, stdout, stderr, awsCommands()...)
}

// awsCommands lists the SageMaker-side commands, in the order `sagectl help` shows
// them; lintcmd.AWSCommands must name the same ones (a test checks).
func awsCommands() []lintcmd.CommandFunc {
	return []lintcmd.CommandFunc{planCommand, importCommand, applyCommand, emulatorCommand}
}
