package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDelegation builds sagectl and sagectl-aws side by side and checks that sagectl
// hands plan to sagectl-aws with its arguments, exit code and output intact, and that
// a missing sagectl-aws is a clear error (exit 2), not a crash.
func TestDelegation(t *testing.T) {
	if testing.Short() {
		t.Skip("builds binaries")
	}
	dir := t.TempDir()
	build := exec.Command("go", "build", "-o", dir+string(os.PathSeparator), ".", "../sagectl-aws")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	sagectl := filepath.Join(dir, "sagectl")

	out, err := exec.Command(sagectl, "plan", "--help").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "sagectl plan") || !strings.Contains(string(out), "--live-dir") {
		t.Fatalf("sagectl plan --help: %v\n%s", err, out)
	}
	cmd := exec.Command(sagectl, "plan", "--no-such-flag")
	out, _ = cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code == 0 || !strings.Contains(string(out), "no-such-flag") {
		t.Errorf("a bad flag reaches sagectl-aws: exit %d\n%s", code, out)
	}

	if err := os.Remove(filepath.Join(dir, "sagectl-aws")); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command(sagectl, "apply", "plan.json")
	cmd.Env = append(os.Environ(), "PATH="+dir)
	out, _ = cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(string(out), "needs the sagectl-aws program") {
		t.Errorf("missing sagectl-aws: exit %d\n%s", code, out)
	}
}
