package awscmd

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/lintcmd"
)

// run runs sagectl (every command) in-process and returns its exit code, stdout and stderr.
func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(append([]string{"sagectl"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestDelegatedCommandsMatch keeps the list sagectl hands to sagectl-aws equal to the
// commands this package really has, names and usage lines alike.
func TestDelegatedCommandsMatch(t *testing.T) {
	e := &lintcmd.Env{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}
	cmds := awsCommands()
	if len(cmds) != len(lintcmd.AWSCommands) {
		t.Fatalf("%d AWS-side commands, lintcmd.AWSCommands lists %d", len(cmds), len(lintcmd.AWSCommands))
	}
	for i, f := range cmds {
		c, want := f(e), lintcmd.AWSCommands[i]
		if c.Name != want.Name || c.Usage != want.Usage {
			t.Errorf("command %d is %q (%q); lintcmd.AWSCommands says %q (%q)", i, c.Name, c.Usage, want.Name, want.Usage)
		}
	}
}

// TestAllCommandsHelp: every command answers --help with exit 0.
func TestAllCommandsHelp(t *testing.T) {
	for _, name := range []string{"lint", "rules", "explain", "schema", "plan", "import", "apply", "emulator"} {
		if code, out, _ := run(name, "--help"); code != 0 || !strings.Contains(out, name) {
			t.Errorf("%s --help: exit %d\n%s", name, code, out)
		}
	}
}
