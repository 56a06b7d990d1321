package awscmd

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/sagectl/sagectl/internal/lintcmd"
)

// TestRollbackCommand: two hashed-naming applies with --keep-last 1, then rollback switches the
// endpoint back to the first version's config, which apply kept.
func TestRollbackCommand(t *testing.T) {
	srv := seededEmulator(t, emulator.World{})
	v1 := churnManifest(t)
	v2 := churnManifest(t, "InitialInstanceCount: 2", "InitialInstanceCount: 3")
	var configs []string
	for _, m := range []string{v1, v2} {
		code, _, stderr := run("apply", "--endpoint-url", srv.URL(), "--naming", "hashed", "--keep-last", "1", "--auto-approve", "--poll-max", "1s", m)
		if code != lintcmd.ExitOK {
			t.Fatalf("apply %s: exit %d, stderr %s", m, code, stderr)
		}
		configs = append(configs, servedConfig(t, srv))
	}
	if configs[0] == configs[1] {
		t.Fatalf("both applies left the endpoint on %s", configs[0])
	}
	code, out, stderr := run("rollback", "--endpoint-url", srv.URL(), "--poll-max", "1s", "churn-prod")
	if code != lintcmd.ExitFindings || !strings.Contains(stderr, "pass --auto-approve") || servedConfig(t, srv) != configs[1] {
		t.Fatalf("rollback without approval: exit %d, stdout %s, stderr %s", code, out, stderr)
	}
	code, out, stderr = run("rollback", "--endpoint-url", srv.URL(), "--poll-max", "1s", "--auto-approve", "churn-prod")
	if code != lintcmd.ExitOK || !strings.Contains(out, "Endpoint churn-prod serves "+configs[0]+" again (verified)") || servedConfig(t, srv) != configs[0] {
		t.Fatalf("rollback: exit %d, stdout %s, stderr %s; want %s served", code, out, stderr, configs[0])
	}
	// Like plan and apply, every error of rollback exits 1 (oneOnError).
	code, _, stderr = run("rollback", "--endpoint-url", srv.URL())
	if code != lintcmd.ExitFindings || !strings.Contains(stderr, "rollback takes an ENDPOINT name") {
		t.Errorf("no argument: exit %d, stderr %s", code, stderr)
	}
	// PATHs after the endpoint are manifests whose smoke tests check it: read before any call.
	code, _, stderr = run("rollback", "--endpoint-url", srv.URL(), "churn-prod", "extra")
	if code != lintcmd.ExitFindings || !strings.Contains(stderr, "extra") {
		t.Errorf("a PATH that does not exist: exit %d, stderr %s", code, stderr)
	}
}

// servedConfig is the config churn-prod serves.
func servedConfig(t *testing.T, srv *emulator.Server) string {
	t.Helper()
	c := sagemaker.NewFromConfig(aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")}, func(o *sagemaker.Options) {
		o.BaseEndpoint = aws.String(srv.URL())
	})
	out, err := c.DescribeEndpoint(context.Background(), &sagemaker.DescribeEndpointInput{EndpointName: aws.String("churn-prod")})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.EndpointConfigName)
}
