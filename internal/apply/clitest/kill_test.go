package clitest_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/awscmd"
	"github.com/sagectl/sagectl/internal/emulator"
)

// TestMain lets a test run this binary as sagectl itself (SAGECTL_TEST_MAIN=1), so the
// interruption tests can signal and kill a real sagectl process.
func TestMain(m *testing.M) {
	if os.Getenv("SAGECTL_TEST_MAIN") == "1" {
		os.Exit(awscmd.Main(os.Args, os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// startApply starts sagectl apply of dir as a child process against the emulator, one step
// at a time, and returns it while it waits for its first endpoint: a CreateEndpoint has been
// answered and a slow DescribeEndpoint poll is in flight, so no mutation is.
func (c *cliEnv) startApply(t *testing.T, dir string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "apply", "--auto-approve", "--naming", "hashed", "--parallelism", "1",
		"--poll-max", "5ms", "--endpoint-url", c.url, dir)
	cmd.Env = append(os.Environ(), "SAGECTL_TEST_MAIN=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	polls := -1
	for polls < 0 || c.emu.Calls("DescribeEndpoint") <= polls {
		if polls < 0 && c.emu.Calls("CreateEndpoint") > 0 {
			polls = c.emu.Calls("DescribeEndpoint")
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("no endpoint wait within 20s:\n%s", out.String())
		}
		time.Sleep(time.Millisecond)
	}
	return cmd, &out
}

// slowPolls keeps an endpoint wait's poll in flight long enough to interrupt it.
var slowPolls = emulator.Fault{Kind: emulator.Latency, Op: "DescribeEndpoint", Delay: 100 * time.Millisecond}

// settle waits until no endpoint is in transition, as a user would before applying again.
func (c *cliEnv) settle(t *testing.T) {
	t.Helper()
	raw := sagemaker.New(sagemaker.Options{Region: "us-east-1", BaseEndpoint: aws.String(c.url),
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
	deadline := time.Now().Add(20 * time.Second)
	for {
		out, err := raw.ListEndpoints(context.Background(), &sagemaker.ListEndpointsInput{})
		if err != nil {
			t.Fatal(err)
		}
		busy := false
		for _, e := range out.Endpoints {
			busy = busy || e.EndpointStatus != types.EndpointStatusInService
		}
		if !busy {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("endpoints still deploying after 20s: %+v", out.Endpoints)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestKilledApplyConverges kills sagectl (SIGKILL) in the middle of an apply: the next apply
// finishes the job from the live state alone, and plan then shows no changes.
func TestKilledApplyConverges(t *testing.T) {
	c := newCLIEnv(t)
	c.emu.Inject(slowPolls)
	cmd, _ := c.startApply(t, testdata("fleet"))
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	c.emu.ClearFaults()
	if _, out := c.run("plan", "--naming", "hashed", testdata("fleet")); !strings.Contains(out, "to create") {
		t.Fatalf("plan after kill -9 shows nothing left to do:\n%s", out)
	}
	// Endpoints the killed run created are still deploying; a re-run acts once they settle
	// (apply refuses a plan whose endpoints change under it).
	c.settle(t)
	if code, out := c.apply("--auto-approve", testdata("fleet")); code != 0 {
		t.Fatalf("re-apply after kill -9: exit %d\n%s", code, out)
	}
	c.converged(testdata("fleet"))
	if n := c.emu.Calls("CreateModel"); n != 1 {
		t.Errorf("CreateModel reached the service %d times over both runs, want 1", n)
	}
}

// TestInterruptedApplyReportsAndConverges sends Ctrl-C (SIGINT) mid-apply: sagectl lets the
// call in flight finish, starts nothing new, prints what was and was not done, and exits 1;
// the next apply converges.
func TestInterruptedApplyReportsAndConverges(t *testing.T) {
	c := newCLIEnv(t)
	c.emu.Inject(slowPolls)
	cmd, out := c.startApply(t, testdata("fleet"))
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v, want 1\n%s", err, out)
	}
	for _, want := range []string{"interrupted: no new steps start", "Apply interrupted", "not started", "SageMaker calls"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	c.emu.ClearFaults()
	c.settle(t)
	if code, out := c.apply("--auto-approve", testdata("fleet")); code != 0 {
		t.Fatalf("re-apply after Ctrl-C: exit %d\n%s", code, out)
	}
	c.converged(testdata("fleet"))
}
