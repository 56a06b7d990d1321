package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestREADMEWalkthrough runs the README's walkthrough block as written (only the
// emulator port is swapped for a free one), with freshly built sagectl and
// sagectl-aws first on PATH, and checks it ends with "no changes" and exit 0.
func TestREADMEWalkthrough(t *testing.T) {
	if testing.Short() {
		t.Skip("builds binaries and runs the emulator")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "```sh\n# walkthrough\n")
	if !ok {
		t.Fatal("README has no ```sh # walkthrough block")
	}
	block, _, _ = strings.Cut(block, "```")

	root, _ := filepath.Abs("../..")
	bin := filepath.Join(t.TempDir(), "bin")
	build := exec.Command("go", "build", "-o", bin+string(os.PathSeparator), "./cmd/sagectl", "./cmd/sagectl-aws")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	work := t.TempDir()
	script := strings.ReplaceAll(block, "4599", port)
	script = strings.ReplaceAll(script, "/tmp/sagectl-walk", filepath.Join(work, "walk"))
	script = strings.ReplaceAll(script, "$PWD/bin", bin)
	cmd := exec.Command("bash", "-euo", "pipefail", "-c", script)
	cmd.Dir = root
	// A step that fails ends the script before its `kill $EMULATOR`: the emulator, in the
	// script's process group, is killed then, and its hold on the output pipe does not
	// keep the test waiting.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.WaitDelay = 5 * time.Second
	defer func() {
		if cmd.Process != nil {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	}()
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("walkthrough failed: %v\n%s", err, out)
	}
	for _, want := range []string{"Plan: 6 to create", "Plan: 1 to create, 1 to update, 1 to delete",
		"DeleteScalingPolicy", "DeregisterScalableTarget", "UpdateEndpoint", "RegisterScalableTarget", "PutScalingPolicy", "Plan: no changes"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("walkthrough output lacks %q:\n%s", want, out)
		}
	}
}
