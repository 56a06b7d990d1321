package lintcmd

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"

	"github.com/urfave/cli/v2"
)

// AWSBinary is the program that runs the commands that talk to SageMaker.
const AWSBinary = "sagectl-aws"

// AWSCommands names the commands sagectl hands to AWSBinary, with their one-line
// usage for `sagectl help`. A test keeps this list equal to the real commands.
var AWSCommands = []struct{ Name, Usage string }{
	{"plan", "diff manifests against live SageMaker resources and print the ordered API calls apply would make"},
	{"import", "write manifests for existing live resources (plan them right away: no changes)"},
	{"apply", "execute a saved plan, or plan PATHs, show the plan and apply it once approved"},
	{"rollback", "switch an endpoint back to its previous owned config (one apply --keep-last kept), wait, verify and run its smoke tests"},
	{"snapshot", "save the live resources the manifests name as JSON files for offline review with plan --live-dir"},
	{"emulator", "serve a local SageMaker API emulator for sagectl plan/apply and the AWS CLI (--endpoint-url)"},
}

// Delegates returns one command per AWSCommands entry that replaces this process with
// AWSBinary running the same arguments: stdin, stdout, signals and the exit code all
// belong to it, and the lint path never pays for linking the AWS SDK.
func Delegates() []CommandFunc {
	var out []CommandFunc
	for _, c := range AWSCommands {
		out = append(out, func(e *Env) *cli.Command {
			return &cli.Command{
				Name:            c.Name,
				Usage:           c.Usage,
				SkipFlagParsing: true,
				Action: func(ctx *cli.Context) error {
					return delegate(e, append([]string{AWSBinary, c.Name}, ctx.Args().Slice()...))
				},
				// Completion candidates (the flags) come from the command itself.
				BashComplete: func(ctx *cli.Context) {
					_ = delegate(e, append(append([]string{AWSBinary, c.Name}, ctx.Args().Slice()...), completionFlag))
				},
			}
		})
	}
	return out
}

// delegate execs AWSBinary from this executable's folder, else from PATH.
func delegate(e *Env, argv []string) error {
	path, err := findAWSBinary()
	if err != nil {
		return Fail(ExitUsage, "%s needs the %s program, installed next to sagectl: %v\n"+
			"every release archive holds both (https://github.com/sagectl/sagectl/releases); from source, make build writes both to bin/", argv[1], AWSBinary, err)
	}
	err = syscall.Exec(path, argv, os.Environ())
	return Fail(ExitUsage, "cannot run %s: %v", path, err)
}

func findAWSBinary() (string, error) {
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), AWSBinary)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	p, err := exec.LookPath(AWSBinary)
	if err != nil {
		return "", errors.New("not found next to sagectl nor on PATH")
	}
	return p, nil
}
