package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/sagectl/sagectl/internal/benchdata"
)

// buildBinary builds sagectl once for the whole-process benchmarks.
func buildBinary(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "sagectl")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runProcess runs the binary b.N times and reports the peak resident memory seen.
func runProcess(b *testing.B, bin string, args ...string) {
	runProcessIn(b, "", bin, args...)
}

// runProcessIn is runProcess in the working directory dir. It also reports the CPU
// time (user + system) per run, which a loaded machine disturbs less than wall time.
func runProcessIn(b *testing.B, dir, bin string, args ...string) {
	var maxRSS int64
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "NO_COLOR=1")
		err := cmd.Run()
		if _, ok := err.(*exec.ExitError); err != nil && !ok {
			b.Fatal(err)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > maxRSS {
			maxRSS = ru.Maxrss
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.ReportMetric(float64(maxRSS)/1024, "peak-MB")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkProcessLintOneFile is what a pre-commit hook pays: one process linting one
// file. Target: < 10 ms/op.
func BenchmarkProcessLintOneFile(b *testing.B) {
	runProcess(b, buildBinary(b), "lint", "../../examples/churn-endpoint.yaml")
}

// BenchmarkProcessLint10k lints a directory of 10,000 documents in one process.
// Targets: < 1 s/op and < 100 peak-MB.
func BenchmarkProcessLint10k(b *testing.B) {
	bin := buildBinary(b)
	dir := b.TempDir()
	ex, err := benchdata.Examples("../../examples")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := benchdata.WriteTree(dir, ex, 10_000); err != nil {
		b.Fatal(err)
	}
	runProcess(b, bin, "lint", dir)
}

// preCommitRepo writes a git repository (a .git folder is all sagectl looks for) of
// files copies of the examples, and returns it and the first file's name.
func preCommitRepo(b *testing.B, files int) (string, string) {
	dir := b.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		b.Fatal(err)
	}
	ex, err := benchdata.Examples("../../examples")
	if err != nil {
		b.Fatal(err)
	}
	per := 0
	for _, e := range ex {
		per += benchdata.Documents(e)
	}
	// WriteTree writes whole rounds of len(ex) files: ask for the documents of enough rounds.
	if _, err := benchdata.WriteTree(dir, ex, (files+len(ex)-1)/len(ex)*per); err != nil {
		b.Fatal(err)
	}
	return dir, "r00000-00.yaml"
}

// BenchmarkProcessPreCommitOneFile is the pre-commit run on one file in a repository
// holding only that file: the baseline of BenchmarkProcessPreCommitIn1kRepo.
func BenchmarkProcessPreCommitOneFile(b *testing.B) {
	bin := buildBinary(b)
	dir, file := preCommitRepo(b, 1)
	matches, _ := filepath.Glob(filepath.Join(dir, "r*.yaml"))
	for _, m := range matches {
		if filepath.Base(m) != file {
			_ = os.Remove(m)
		}
	}
	runProcessIn(b, dir, bin, "lint", "--only-manifests", file)
}

// BenchmarkProcessPreCommitIn1kRepo is the pre-commit run on one file of a repository of
// 1,000 manifest files: the file's references resolve against the whole repository,
// indexed by name on every run. Target: within 2x BenchmarkProcessPreCommitOneFile.
func BenchmarkProcessPreCommitIn1kRepo(b *testing.B) {
	bin := buildBinary(b)
	dir, file := preCommitRepo(b, 1000)
	runProcessIn(b, dir, bin, "lint", "--only-manifests", file)
}
