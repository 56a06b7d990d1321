package awscmd

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/lintcmd"
	"github.com/urfave/cli/v2"
)

// emuPost sends one JSON 1.1 request and returns the status and body.
func emuPost(t *testing.T, url, op, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Amz-Target", "SageMaker."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// The command serves until its context ends (Ctrl-C/SIGTERM in real use), then saves --state;
// a restart on the same file has the resources again.
func TestEmulatorCommandServesAndKeepsState(t *testing.T) {
	state := filepath.Join(t.TempDir(), "emulator.json")
	serve := func(extra ...string) (url string, stop func() (string, error)) {
		t.Helper()
		out, w := io.Pipe()
		lines := make(chan string, 8)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		e := &lintcmd.Env{Stdin: strings.NewReader(""), Stdout: w, Stderr: io.Discard}
		app := &cli.App{Name: "sagectl", Commands: []*cli.Command{emulatorCommand(e)}, Writer: w, ErrWriter: io.Discard, ExitErrHandler: func(*cli.Context, error) {}}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		args := append([]string{"sagectl", "emulator", "--listen", "127.0.0.1:0", "--state", state}, extra...)
		go func() { done <- app.RunContext(ctx, args) }()
		first, ok := <-lines
		if !ok || !strings.HasPrefix(first, "SageMaker emulator listening on http://127.0.0.1:") {
			cancel()
			t.Fatalf("first line %q (command ended: %v)", first, <-done)
		}
		return strings.TrimPrefix(first, "SageMaker emulator listening on "), func() (string, error) {
			cancel()
			err := <-done
			w.Close()
			var rest []string
			for l := range lines {
				rest = append(rest, l)
			}
			return strings.Join(rest, "\n"), err
		}
	}

	url, stop := serve("--fault", "throttle:op=ListModels,times=1", "--fault", "rollback-update:reason=a, b")
	if code, body := emuPost(t, url, "ListModels", `{}`); code != 400 || !strings.Contains(body, `"__type":"ThrottlingException"`) {
		t.Errorf("first ListModels: %d %s, want the injected throttle", code, body)
	}
	if code, body := emuPost(t, url, "CreateModel", `{"ModelName":"kept","PrimaryContainer":{"Image":"img"}}`); code != 200 {
		t.Fatalf("CreateModel: %d %s", code, body)
	}
	rest, err := stop()
	if err != nil {
		t.Fatalf("command ended with %v", err)
	}
	if !strings.Contains(rest, "try: aws --endpoint-url "+url) || !strings.Contains(rest, "emulator state saved to "+state) {
		t.Errorf("output after the first line:\n%s", rest)
	}
	b, rerr := os.ReadFile(state)
	if rerr != nil || !bytes.Contains(b, []byte(`"kept"`)) {
		t.Fatalf("state file: %v %s", rerr, b)
	}

	url, stop = serve()
	defer stop()
	if code, body := emuPost(t, url, "DescribeModel", `{"ModelName":"kept"}`); code != 200 || !strings.Contains(body, `"ModelArn":"arn:aws:sagemaker:us-east-1:123456789012:model/kept"`) {
		t.Errorf("after restart: %d %s", code, body)
	}
	// The real AWS CLI against the running command (internal/emulator/awscli_test.go covers
	// every operation; this proves the command serves it).
	out := emuAWS(t, url, "describe-model", "--model-name", "kept")
	if !strings.Contains(out, `"ModelName": "kept"`) {
		t.Errorf("aws sagemaker describe-model: %s", out)
	}
}

// emuAWS runs /usr/bin/aws (AWS CLI v2, the Debian awscli package) against url with fake
// credentials and no config files. Without it the test skips, or fails under CI=true.
func emuAWS(t *testing.T, url string, args ...string) string {
	t.Helper()
	const bin = "/usr/bin/aws"
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing under CI=true: scripts/ensure-tools.sh installs the awscli package", bin)
		}
		t.Skipf("%s not installed (apt-get install awscli); skipping the AWS CLI check", bin)
	}
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"--endpoint-url", url, "--output", "json", "sagemaker"}, args...)...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "AWS_ACCESS_KEY_ID=AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY=secret",
		"AWS_DEFAULT_REGION=us-east-1", "AWS_CONFIG_FILE=" + empty, "AWS_SHARED_CREDENTIALS_FILE=" + empty, "AWS_PAGER=", "AWS_EC2_METADATA_DISABLED=true"}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("aws %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestEmulatorCommandErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--listen", "0.0.0.0:0"}, `listen address "0.0.0.0:0" is not a loopback address; use 127.0.0.1:PORT, or allow remote clients explicitly (--allow-remote)`},
		{[]string{"--listen", "127.0.0.1:0", "--fault", "throtle:times=1"}, `--fault "throtle:times=1": unknown fault "throtle": did you mean "throttle"?`},
		{[]string{"--listen", "127.0.0.1:0", "extra"}, `emulator takes no arguments, got "extra"`},
		{[]string{"--listen", "127.0.0.1:0", "--account", "1"}, `account "1" must be 12 digits`},
		{[]string{"--listen", "127.0.0.1:0", "--create-duration", "-1s"}, "must not be negative"},
		{[]string{"--listen", "127.0.0.1:0", "--quota", "ml.m5.large"}, `--quota "ml.m5.large": want INSTANCE_TYPE=COUNT`},
		{[]string{"--listen", "127.0.0.1:0", "--image", "repo"}, `--image "repo": want REPO:TAG or REPO@sha256:DIGEST`},
		{[]string{"--listen", "127.0.0.1:0", "--object", "bucket/key"}, `--object "bucket/key": want s3://BUCKET/KEY`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Main(append([]string{"sagectl", "emulator"}, tt.args...), strings.NewReader(""), &stdout, &stderr)
			if code != lintcmd.ExitUsage || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr.String(), lintcmd.ExitUsage, tt.want)
			}
		})
	}
}

func TestEmulatorHelpDocumentsFaults(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"sagectl", "emulator", "--help"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"--fault KIND", "throttle", "rollback-update", "stale", "--listen", "--allow-remote", "--state FILE", "--seed", "--create-duration"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("help lacks %q", want)
		}
	}
}
