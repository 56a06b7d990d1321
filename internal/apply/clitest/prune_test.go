package clitest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// TestCLIPruneDeletesOnlyOwned removes an endpoint from the manifests: apply --prune deletes
// it and its config, keeps the model the others still use, and never touches resources
// sagectl did not create.
func TestCLIPruneDeletesOnlyOwned(t *testing.T) {
	c := newCLIEnv(t)
	if code, out := c.apply("--auto-approve", testdata("fleet")); code != 0 {
		t.Fatal(out)
	}
	raw := sagemaker.New(sagemaker.Options{Region: "us-east-1", BaseEndpoint: aws.String(c.url),
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
	ctx := context.Background()
	// Someone else's endpoint on someone else's config of our model.
	if _, err := raw.CreateEndpointConfig(ctx, &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String("theirs"),
		ProductionVariants: []types.ProductionVariant{{VariantName: aws.String("main"), ModelName: aws.String("fraud-v3-e06daaa7"),
			InstanceType: types.ProductionVariantInstanceTypeMlC5Xlarge, InitialInstanceCount: aws.Int32(1)}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.CreateEndpoint(ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("theirs"), EndpointConfigName: aws.String("theirs")}); err != nil {
		t.Fatal(err)
	}
	// theirs is still Creating: it settles while apply runs, which must not make the plan
	// stale (no action names it; Saved.Stale).
	c.emu.ResetCalls()
	code, out := c.apply("--auto-approve", "--prune", testdata("fleet-pruned"))
	if code != 0 {
		t.Fatalf("apply --prune: exit %d\n%s", code, out)
	}
	if n := c.emu.Calls("DeleteEndpoint"); n != 1 {
		t.Errorf("DeleteEndpoint calls = %d, want 1 (fraud-ap only)", n)
	}
	if _, err := raw.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: aws.String("fraud-ap")}); err == nil {
		t.Error("fraud-ap still exists")
	}
	if _, err := raw.DescribeEndpointConfig(ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: aws.String("fraud-ap-6caa5bc7")}); err == nil {
		t.Error("fraud-ap's config still exists")
	}
	for _, n := range []string{"theirs"} {
		if _, err := raw.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: aws.String(n)}); err != nil {
			t.Errorf("unowned endpoint %s: %v", n, err)
		}
		if _, err := raw.DescribeEndpointConfig(ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: aws.String(n)}); err != nil {
			t.Errorf("unowned config %s: %v", n, err)
		}
	}
	if code, out := c.run("plan", "--naming", "hashed", "--prune", "--detailed-exitcode", testdata("fleet-pruned")); code != 0 || strings.Contains(out, "(delete)") {
		t.Fatalf("plan --prune after apply --prune: exit %d\n%s", code, out)
	}
}

// TestCLIKeepLastKeepsRollbackTargets keeps the superseded config, so swapping back reuses it
// without creating anything.
func TestCLIKeepLastKeepsRollbackTargets(t *testing.T) {
	c := newCLIEnv(t)
	if code, out := c.apply("--auto-approve", testdata("v1")); code != 0 {
		t.Fatal(out)
	}
	c.emu.ResetCalls()
	code, out := c.apply("--auto-approve", "--keep-last", "1", testdata("v3"))
	if code != 0 || !strings.Contains(out, "as a rollback target (keep-last 1)") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if n := c.emu.Calls("DeleteEndpointConfig"); n != 0 {
		t.Errorf("DeleteEndpointConfig calls = %d with --keep-last 1", n)
	}
	c.converged(testdata("v3"))
	c.emu.ResetCalls()
	if code, out := c.apply("--auto-approve", "--keep-last", "1", testdata("v1")); code != 0 {
		t.Fatalf("swap back: exit %d\n%s", code, out)
	}
	if n := c.emu.Calls("CreateEndpointConfig"); n != 0 {
		t.Errorf("swapping back created %d configs, want 0 (the kept one is reused)", n)
	}
	c.converged(testdata("v1"))
}
