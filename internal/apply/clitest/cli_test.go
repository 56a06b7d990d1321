package clitest_test

import (
	"bytes"
	"io"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sagectl/sagectl/internal/awscmd"
	"github.com/sagectl/sagectl/internal/emulator"
)

// cliEnv is an emulator on the wall clock with fast endpoint transitions, and AWS settings
// that point nowhere but at it.
type cliEnv struct {
	t   *testing.T
	emu *emulator.Server
	url string
}

func newCLIEnv(t *testing.T) *cliEnv {
	t.Helper()
	emu, err := emulator.New(emulator.Options{CreateDuration: 40 * time.Millisecond, UpdateDuration: 40 * time.Millisecond,
		DeleteDuration: 20 * time.Millisecond, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	// httptest (on 127.0.0.1) closes the SDK's fresh keep-alive connections at once on Close.
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	for k, v := range map[string]string{"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "us-east-1",
		"AWS_CONFIG_FILE": filepath.Join(t.TempDir(), "none"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(t.TempDir(), "none"),
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_PROFILE": "", "NO_COLOR": "1"} {
		t.Setenv(k, v)
	}
	return &cliEnv{t: t, emu: emu, url: srv.URL}
}

// run runs sagectl with args plus the emulator's --endpoint-url and returns exit code and output.
func (c *cliEnv) run(args ...string) (int, string) {
	c.t.Helper()
	return c.runWith(strings.NewReader(""), args...)
}

// runWith is run with stdin as standard input.
func (c *cliEnv) runWith(stdin io.Reader, args ...string) (int, string) {
	c.t.Helper()
	var out bytes.Buffer
	full := append([]string{"sagectl"}, args...)
	full = append(full, "--endpoint-url", c.url)
	code := awscmd.Main(full, stdin, &out, &out)
	return code, out.String()
}

// apply runs sagectl apply with fast polling.
func (c *cliEnv) apply(args ...string) (int, string) {
	c.t.Helper()
	return c.run(append([]string{"apply", "--poll-max", "5ms", "--retry-max-backoff", "5ms", "--naming", "hashed"}, args...)...)
}

// converged asserts that plan shows no changes for dir.
func (c *cliEnv) converged(dir string) {
	c.t.Helper()
	code, out := c.run("plan", "--naming", "hashed", "--detailed-exitcode", dir)
	if code != 0 {
		c.t.Fatalf("plan %s after apply: exit %d, want 0 (no changes):\n%s", dir, code, out)
	}
}

func testdata(name string) string { return filepath.Join("..", "..", "..", "testdata", "apply", name) }
