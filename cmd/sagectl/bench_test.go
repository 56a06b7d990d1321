package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

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
	var maxRSS int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "NO_COLOR=1")
		err := cmd.Run()
		if _, ok := err.(*exec.ExitError); err != nil && !ok {
			b.Fatal(err)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > maxRSS {
			maxRSS = ru.Maxrss
		}
	}
	b.ReportMetric(float64(maxRSS)/1024, "peak-MB")
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
