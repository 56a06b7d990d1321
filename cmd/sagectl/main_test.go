package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/sagectl/sagectl/internal/awscmd"
)

// TestMain makes the test binary double as the sagectl command the scripts run.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"sagectl": func() { os.Exit(awscmd.Main(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end CLI scripts in testdata/script: each runs sagectl
// as a real process and checks its exit code, stdout, stderr and the files it writes.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// The scripts decide these; the developer's or CI's own must not leak in.
			env.Setenv("GITHUB_ACTIONS", "")
			env.Setenv("GITHUB_STEP_SUMMARY", "")
			env.Setenv("NO_COLOR", "1")
			return nil
		},
	})
}
