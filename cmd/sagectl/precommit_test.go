package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestPreCommit drives the real pre-commit against temporary git repositories: the
// shipped .pre-commit-hooks.yaml (through its system hook, since building the golang
// hook needs the network) and a `repo: local` configuration, each with one good and
// one bad manifest. It is skipped without pre-commit, except under CI where it must run.
func TestPreCommit(t *testing.T) {
	for _, tool := range []string{"pre-commit", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed; scripts/ensure-tools.sh installs it", tool)
			}
			t.Skipf("%s is not installed (scripts/ensure-tools.sh installs it)", tool)
		}
	}
	hooks, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/precommit",
		Setup: func(env *testscript.Env) error {
			home := filepath.Join(env.WorkDir, "home")
			env.Setenv("HOME", home)
			env.Setenv("PRE_COMMIT_HOME", filepath.Join(home, "pre-commit"))
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			env.Setenv("GIT_AUTHOR_NAME", "test")
			env.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
			env.Setenv("GIT_COMMITTER_NAME", "test")
			env.Setenv("GIT_COMMITTER_EMAIL", "test@example.com")
			env.Setenv("NO_COLOR", "1")
			if err := os.MkdirAll(filepath.Join(env.WorkDir, "hooks"), 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(env.WorkDir, "hooks", ".pre-commit-hooks.yaml"), hooks, 0o644)
		},
	})
}
