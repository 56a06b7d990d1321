package awscmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/lintcmd"
)

// TestSnapshotRoundTrip: against the emulator, snapshot saves what plan reads, and a plan
// from the snapshot (--live-dir) is the plan against the emulator, line for line, before
// and after the manifests change.
func TestSnapshotRoundTrip(t *testing.T) {
	srv := startEmulator(t)
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(scenarios, "create-all", "manifests", "churn.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	m := filepath.Join(dir, "churn.yaml")
	if err := os.WriteFile(m, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run("apply", "--auto-approve", "--endpoint-url", srv.URL(), m); code != lintcmd.ExitOK {
		t.Fatalf("apply: exit %d: %s", code, stderr)
	}
	changed := strings.Replace(string(src), "InitialInstanceCount: 2", "InitialInstanceCount: 3", 1)
	for i, body := range []string{string(src), changed} {
		if err := os.WriteFile(m, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		snap := filepath.Join(t.TempDir(), "snap")
		code, _, stderr := run("snapshot", "--out-dir", snap, "--endpoint-url", srv.URL(), m)
		if code != lintcmd.ExitOK || !strings.Contains(stderr, "3 live resource(s) written to "+snap) {
			t.Fatalf("snapshot %d: exit %d: %s", i, code, stderr)
		}
		_, online, _ := run("plan", "--endpoint-url", srv.URL(), m)
		_, offline, stderr := run("plan", "--live-dir", snap, m)
		if offline != online {
			t.Errorf("manifests %d: plan from the snapshot (%s):\n%s\ndiffers from the plan against the emulator:\n%s", i, stderr, offline, online)
		}
		if i == 0 && !strings.Contains(online, "Plan: no changes") {
			t.Errorf("after apply, no changes:\n%s", online)
		}
		if i == 1 && !strings.Contains(online, "ProductionVariants[current].InitialInstanceCount: 2 → 3") {
			t.Errorf("the changed count must plan a change:\n%s", online)
		}
		code, _, stderr = run("snapshot", "--out-dir", snap, "--endpoint-url", srv.URL(), m)
		if code != lintcmd.ExitFindings || !strings.Contains(stderr, "already exists") {
			t.Errorf("snapshot over an existing one: exit %d, %s", code, stderr)
		}
	}
	if code, _, stderr := run("snapshot", "--endpoint-url", srv.URL(), m); code != lintcmd.ExitFindings || !strings.Contains(stderr, "out-dir") {
		t.Errorf("snapshot without --out-dir: exit %d, %s", code, stderr)
	}
}

// TestSnapshotAutoscaling: an endpoint with declared autoscaling (the README's churn
// example) snapshots its scalable target and policies too, and the plan from the snapshot
// equals the plan against the emulator.
func TestSnapshotAutoscaling(t *testing.T) {
	srv := startEmulator(t)
	dir := t.TempDir()
	for _, f := range []string{"churn-model.yaml", "churn-endpoint.yaml", "churn-autoscaling.yaml"} {
		data, err := os.ReadFile(filepath.Join(examples, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := run("apply", "--auto-approve", "--endpoint-url", srv.URL(), dir); code != lintcmd.ExitOK {
		t.Fatalf("apply: exit %d: %s", code, stderr)
	}
	snap := filepath.Join(t.TempDir(), "snap")
	if code, _, stderr := run("snapshot", "--out-dir", snap, "--endpoint-url", srv.URL(), dir); code != lintcmd.ExitOK {
		t.Fatalf("snapshot: exit %d: %s", code, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(snap, "scalable-target-*.json"))
	if len(files) == 0 {
		t.Errorf("no scalable target in the snapshot of an autoscaled endpoint")
	}
	_, online, _ := run("plan", "--endpoint-url", srv.URL(), dir)
	_, offline, stderr := run("plan", "--live-dir", snap, dir)
	if offline != online || !strings.Contains(online, "no changes") {
		t.Errorf("plan from the snapshot (%s):\n%s\nwant the plan against the emulator (no changes):\n%s", stderr, offline, online)
	}
}
