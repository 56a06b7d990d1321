package lintcmd

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sagectl/sagectl/internal/config"
	"github.com/sagectl/sagectl/internal/suggest"
	"github.com/urfave/cli/v2"
)

// The bash and zsh scripts ask sagectl for candidates with urfave/cli's
// --generate-bash-completion flag (cli.App.EnableBashCompletion), the protocol of the
// library's autocomplete/ scripts; fish gets the static script cli.App.ToFishCompletion
// generates from the commands and flags.
var (
	//go:embed completion/bash
	bashCompletion string
	//go:embed completion/zsh
	zshCompletion string
)

// completionShells are the shells `sagectl completion` writes a script for.
var completionShells = []string{"bash", "zsh", "fish"}

// completionFlag is urfave/cli's argument that asks for completion candidates.
const completionFlag = "--generate-bash-completion"

func completionCommand(e *Env) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print the shell completion script for bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: "bash: source <(sagectl completion bash)\n" +
			"zsh:  source <(sagectl completion zsh)\n" +
			"fish: sagectl completion fish > ~/.config/fish/completions/sagectl.fish",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError{err: fmt.Errorf("completion takes one shell: bash, zsh or fish"), command: "completion"}
			}
			return writeCompletion(e.Stdout, c.App, c.Args().First())
		},
	}
}

// writeCompletion writes the completion script of shell for app.
func writeCompletion(w io.Writer, app *cli.App, shell string) error {
	var script string
	switch shell {
	case "bash":
		script = bashCompletion
	case "zsh":
		script = zshCompletion
	case "fish":
		s, err := app.ToFishCompletion()
		if err != nil {
			return fail(ExitUsage, "generating the fish completion: %v", err)
		}
		script = strings.TrimSuffix(s, "\n") + "\n" // the library ends it without one
	default:
		msg := fmt.Sprintf("unknown shell %q: expected bash, zsh or fish", shell)
		if s := suggest.Closest(shell, completionShells); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		return usageError{err: errors.New(msg), command: "completion"}
	}
	if _, err := io.WriteString(w, script); err != nil {
		return fail(ExitUsage, "writing the completion script: %v", err)
	}
	return nil
}

// completeEnv answers a completion request for the value of --env (`sagectl plan --env
// <TAB>`) with the environments of the .sagectl.yaml found from the working directory, and
// reports whether args was one; urfave/cli would offer flags there.
func completeEnv(w io.Writer, args []string) bool {
	n := len(args)
	if n < 3 || args[n-1] != completionFlag || args[n-2] != "--"+EnvFlag.Name {
		return false
	}
	wd, err := os.Getwd()
	if err != nil {
		return true
	}
	path := config.Find(wd)
	if path == "" {
		return true
	}
	if c, err := config.Load(path, ruleIDs()); err == nil {
		for _, name := range c.EnvNames() {
			fmt.Fprintln(w, name)
		}
	}
	return true
}
