package main

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestReleaseStampsVersion runs scripts/release.sh for this machine's platform only and
// checks what a release carries: an archive whose SHA256SUMS line matches it, both
// binaries inside, each printing the stamped version and commit, and (on Linux) static,
// with no ELF interpreter.
func TestReleaseStampsVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds both binaries")
	}
	out := t.TempDir()
	root, _ := filepath.Abs("../..")
	platform := runtime.GOOS + "/" + runtime.GOARCH
	cmd := exec.Command("scripts/release.sh")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "VERSION=v9.8.7-test", "COMMIT=0123456789abcdef", "OUT="+out, "PLATFORMS="+platform)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("release.sh: %v\n%s", err, b)
	}
	name := "sagectl_v9.8.7-test_" + runtime.GOOS + "_" + runtime.GOARCH
	archive, err := os.ReadFile(filepath.Join(out, name+".tar.gz"))
	if err != nil {
		t.Fatal(err)
	}
	sums, err := os.ReadFile(filepath.Join(out, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(archive)
	if want := hex.EncodeToString(sum[:]) + "  " + name + ".tar.gz\n"; string(sums) != want {
		t.Errorf("SHA256SUMS = %q, want %q", sums, want)
	}
	if b, err := exec.Command("tar", "-C", out, "-xzf", filepath.Join(out, name+".tar.gz")).CombinedOutput(); err != nil {
		t.Fatalf("tar: %v\n%s", err, b)
	}
	for _, bin := range []string{"sagectl", "sagectl-aws"} {
		path := filepath.Join(out, name, bin)
		got, err := exec.Command(path, "--version").CombinedOutput()
		if err != nil {
			t.Fatalf("%s --version: %v\n%s", bin, err, got)
		}
		if want := "sagectl version v9.8.7-test (commit 0123456789abcdef)\n"; string(got) != want {
			t.Errorf("%s --version = %q, want %q", bin, got, want)
		}
		if runtime.GOOS == "linux" {
			assertStatic(t, path)
		}
	}
}

// assertStatic fails when the ELF file at path asks for a dynamic loader.
func assertStatic(t *testing.T, path string) {
	t.Helper()
	f, err := elf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Errorf("%s is dynamically linked (has PT_INTERP): build it with CGO_ENABLED=0", filepath.Base(path))
		}
	}
}

// TestDockerfileBuildsBothStamped checks the Dockerfile's build line matches release.sh's
// stamping and copies both binaries (no docker daemon is needed to read it).
func TestDockerfileBuildsBothStamped(t *testing.T) {
	data, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	df := string(data)
	for _, want := range []string{"CGO_ENABLED=0", "internal/lintcmd.Version=${VERSION}", "internal/lintcmd.Commit=${COMMIT}",
		"./cmd/sagectl ./cmd/sagectl-aws", "COPY --from=build /out/sagectl /out/sagectl-aws /usr/local/bin/"} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
}

// TestReleaseWorkflowPublishesWhatReleaseBuilds: the tag workflow runs make release with
// the tag as VERSION and uploads exactly the archives and SHA256SUMS it writes.
func TestReleaseWorkflowPublishesWhatReleaseBuilds(t *testing.T) {
	data, err := os.ReadFile("../../.github/workflows/release.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`tags: ["v*"]`, `VERSION="$GITHUB_REF_NAME" COMMIT="$GITHUB_SHA" make release`,
		`gh release create "$GITHUB_REF_NAME" dist/*.tar.gz dist/SHA256SUMS`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("release.yml lacks %q", want)
		}
	}
}
