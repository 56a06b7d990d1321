package emulator_test

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/sagectl/sagectl/internal/emulator"
)

func stsClient(t *testing.T, url string) *sts.Client {
	t.Helper()
	return sts.New(sts.Options{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String(url),
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		RetryMaxAttempts: 1,
	})
}

// The SDK's GetCallerIdentity (query protocol) gets the emulator's --account.
func TestSTSGetCallerIdentity(t *testing.T) {
	s, err := emulator.Start(emulator.Options{Account: "210987654321"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out, err := stsClient(t, s.URL()).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(out.Account); got != "210987654321" {
		t.Errorf("Account = %q, want 210987654321", got)
	}
	if got := aws.ToString(out.Arn); !strings.HasPrefix(got, "arn:aws:iam::210987654321:") {
		t.Errorf("Arn = %q, want an IAM ARN in the emulator's account", got)
	}
	if n := s.Calls("GetCallerIdentity"); n != 1 {
		t.Errorf("Calls(GetCallerIdentity) = %d, want 1", n)
	}
}

// A fault on GetCallerIdentity reaches the SDK as the query protocol's XML error.
func TestSTSFault(t *testing.T) {
	s, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Inject(emulator.Fault{Kind: emulator.Throttle, Op: "GetCallerIdentity"})
	_, err = stsClient(t, s.URL()).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "ThrottlingException" {
		t.Fatalf("err = %v, want ThrottlingException", err)
	}
}

// `aws sts get-caller-identity --endpoint-url` works against the emulator.
func TestSTSAWSCLI(t *testing.T) {
	s, err := emulator.Start(emulator.Options{Account: "210987654321"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a := newAWSCLI(t, s.URL())
	cmd := exec.Command(awsBinary, "--endpoint-url", s.URL(), "sts", "get-caller-identity", "--query", "Account", "--output", "text")
	cmd.Env = a.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("aws sts get-caller-identity: %v\n%s", err, stderr.String())
	}
	if got := strings.TrimSpace(stdout.String()); got != "210987654321" {
		t.Errorf("aws sts get-caller-identity printed %q, want 210987654321", got)
	}
}
