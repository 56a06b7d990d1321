package clitest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
)

const fraudModel = `kind: Model
ModelName: %MODEL%
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker-execution
PrimaryContainer:
  Image: 763104351884.dkr.ecr.us-east-1.amazonaws.com/xgboost-inference:1.7-1
  ModelDataUrl: s3://acme-models/fraud/model.tar.gz
`

const fraudRest = `kind: EndpointConfig
EndpointConfigName: %CONFIG%
ProductionVariants:
  - VariantName: %VARIANT%
    ModelName: %MODEL%
    InstanceType: ml.m5.xlarge
    InitialInstanceCount: 1
---
kind: Endpoint
EndpointName: %ENDPOINT%
EndpointConfigName: %CONFIG%
`

// writeFraud writes the fraud manifests in the spellings given, the model manifest only
// when withModel.
func writeFraud(t *testing.T, withModel bool, endpoint, config, model, variant string) string {
	t.Helper()
	dir := t.TempDir()
	r := strings.NewReplacer("%ENDPOINT%", endpoint, "%CONFIG%", config, "%MODEL%", model, "%VARIANT%", variant)
	body := r.Replace(fraudRest)
	if withModel {
		body = r.Replace(fraudModel) + "---\n" + body
	}
	if err := os.WriteFile(filepath.Join(dir, "fraud.yaml"), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestCLINamesAreCaseInsensitive deploys fraud, fraud-cfg and fraud-model, then plans and
// applies with --prune the same manifests spelled in capitals: SageMaker names are
// case-insensitive, so nothing changes and nothing is deleted; nor when the model manifest
// is gone but the config still names FRAUD-MODEL.
func TestCLINamesAreCaseInsensitive(t *testing.T) {
	c := newCLIEnv(t)
	exact := []string{"apply", "--poll-max", "5ms", "--retry-max-backoff", "5ms", "--naming", "exact", "--auto-approve"}
	if code, out := c.run(append(exact, writeFraud(t, true, "fraud", "fraud-cfg", "fraud-model", "main"))...); code != 0 {
		t.Fatalf("first apply: exit %d\n%s", code, out)
	}
	upper := writeFraud(t, true, "FRAUD", "FRAUD-CFG", "FRAUD-MODEL", "MAIN")
	if code, out := c.run("plan", "--naming", "exact", "--prune", "--detailed-exitcode", upper); code != 0 {
		t.Fatalf("plan --prune in capitals: exit %d, want 0 (no changes)\n%s", code, out)
	}
	noModel := writeFraud(t, false, "fraud", "fraud-cfg", "FRAUD-MODEL", "main")
	for _, dir := range []string{upper, noModel} {
		c.emu.ResetCalls()
		code, out := c.run(append(exact, "--prune", dir)...)
		if code != 0 {
			t.Fatalf("apply --prune: exit %d\n%s", code, out)
		}
		for _, op := range []string{"DeleteEndpoint", "DeleteEndpointConfig", "DeleteModel", "CreateModel", "CreateEndpointConfig", "UpdateEndpoint"} {
			if n := c.emu.Calls(op); n != 0 {
				t.Errorf("%s: %d %s calls, want none\n%s", dir, n, op, out)
			}
		}
	}
	raw := c.client()
	ctx := context.Background()
	if _, err := raw.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: aws.String("fraud")}); err != nil {
		t.Errorf("endpoint fraud: %v", err)
	}
	if _, err := raw.DescribeEndpointConfig(ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: aws.String("fraud-cfg")}); err != nil {
		t.Errorf("config fraud-cfg: %v", err)
	}
	if _, err := raw.DescribeModel(ctx, &sagemaker.DescribeModelInput{ModelName: aws.String("fraud-model")}); err != nil {
		t.Errorf("model fraud-model: %v", err)
	}
}
