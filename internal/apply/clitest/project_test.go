package clitest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/sagectl/sagectl/internal/apply"
)

// projectRepo writes a repository for project (none when ""): a .sagectl.yaml and the
// manifests docs, and returns the config path and the manifest folder.
func projectRepo(t *testing.T, project string, docs ...string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".sagectl.yaml")
	body := "naming: exact\n"
	if project != "" {
		body += "project: " + project + "\n"
	}
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	m := filepath.Join(dir, "manifests")
	if err := os.MkdirAll(m, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(m, "all.yaml"), []byte(strings.Join(docs, "---\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg, m
}

// client calls the emulator directly, for setup and checks.
func (c *cliEnv) client() *sagemaker.Client {
	return sagemaker.New(sagemaker.Options{Region: "us-east-1", BaseEndpoint: aws.String(c.url),
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
}

// scenarioDocs are the YAML documents of the projects scenario's manifests.
func scenarioDocs(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "plan", "projects", "manifests", "fraud.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(data), "---\n")
}

// TestCLIProjects shares one account between project fraud, project billing and a
// repository with no project, seeded from testdata/plan/projects: each prune deletes only
// its own resources, fraud's legacy resources (managed-by tag only) are adopted when its
// manifests name them, and another project's endpoint is never changed.
func TestCLIProjects(t *testing.T) {
	c := newCLIEnv(t)
	seed(t, c.url, filepath.Join("..", "..", "..", "testdata", "plan", "projects", "live"))
	raw := c.client()
	ctx := context.Background()
	exists := func(kind, name string) bool {
		t.Helper()
		var err error
		switch kind {
		case "model":
			_, err = raw.DescribeModel(ctx, &sagemaker.DescribeModelInput{ModelName: &name})
		case "config":
			_, err = raw.DescribeEndpointConfig(ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: &name})
		default:
			_, err = raw.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: &name})
		}
		if err != nil && !apply.IsNotFound(err) {
			t.Fatal(err)
		}
		return err == nil
	}
	tagsOf := func(arn string) map[string]string {
		t.Helper()
		tags, err := apply.Tags(ctx, raw, arn)
		if err != nil {
			t.Fatal(err)
		}
		return tags
	}
	run := func(cfg, dir string, extra ...string) (int, string) {
		t.Helper()
		return c.run(append([]string{"apply", "--auto-approve", "--poll-max", "5ms", "--retry-max-backoff", "5ms", "--config", cfg}, append(extra, dir)...)...)
	}
	docs := scenarioDocs(t)

	// Project fraud, with billing's endpoint in its manifests: blocked, and left alone.
	cfg, dir := projectRepo(t, "fraud", docs...)
	code, out := run(cfg, dir, "--prune")
	if code == 0 || !strings.Contains(out, `it belongs to project "billing"`) {
		t.Fatalf("apply naming billing's endpoint: exit %d, want 1 and the owner named\n%s", code, out)
	}
	if d, err := raw.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: aws.String("shared-ep")}); err != nil || aws.ToString(d.EndpointConfigName) != "billing-v1" {
		t.Fatalf("billing's shared-ep was changed: %v %v", d, err)
	}
	if n := c.emu.Calls("UpdateEndpoint"); n != 0 {
		t.Errorf("UpdateEndpoint calls = %d, want 0", n)
	}

	// Without it, fraud converges: legacy resources adopted, its unused model pruned.
	cfg, dir = projectRepo(t, "fraud", docs[:len(docs)-1]...)
	if code, out := run(cfg, dir, "--prune"); code != 0 {
		t.Fatalf("apply as fraud: exit %d\n%s", code, out)
	}
	if exists("model", "fraud-v1") {
		t.Error("fraud's unused model fraud-v1 was not pruned")
	}
	for _, r := range [][2]string{{"model", "billing-model"}, {"config", "billing-v1"}, {"endpoint", "shared-ep"}, {"model", "old-legacy"}, {"model", "handmade"}} {
		if !exists(r[0], r[1]) {
			t.Errorf("fraud's prune deleted %s %s", r[0], r[1])
		}
	}
	for _, arn := range []string{"arn:aws:sagemaker:us-east-1:123456789012:endpoint/fraud", "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/fraud-v2"} {
		if got := tagsOf(arn)["sagectl:project"]; got != "fraud" {
			t.Errorf("%s: sagectl:project = %q after adoption, want fraud", arn, got)
		}
	}
	if code, out := c.run("plan", "--prune", "--detailed-exitcode", "--config", cfg, dir); code != 0 {
		t.Fatalf("plan after apply as fraud: exit %d, want 0\n%s", code, out)
	}

	// Project billing prunes with only its own manifests: fraud's resources stay.
	c.emu.ResetCalls()
	cfg, dir = projectRepo(t, "billing", "kind: Model\nModelName: billing-model\nExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker-execution\n"+
		"PrimaryContainer:\n  Image: 763104351884.dkr.ecr.us-east-1.amazonaws.com/xgboost-inference:1.7-1\n  ModelDataUrl: s3://acme-models/billing-model/model.tar.gz\n",
		"kind: EndpointConfig\nEndpointConfigName: billing-v1\nProductionVariants:\n  - VariantName: main\n    ModelName: billing-model\n    InstanceType: ml.m5.xlarge\n    InitialInstanceCount: 1\n",
		"kind: Endpoint\nEndpointName: shared-ep\nEndpointConfigName: billing-v1\n")
	code, out = run(cfg, dir, "--prune")
	if code != 0 {
		t.Fatalf("apply as billing: exit %d\n%s", code, out)
	}
	for _, op := range []string{"DeleteModel", "DeleteEndpointConfig", "DeleteEndpoint", "AddTags"} {
		if n := c.emu.Calls(op); n != 0 {
			t.Errorf("billing's apply --prune made %d %s calls, want 0\n%s", n, op, out)
		}
	}

	// No project: resources with any project tag are never ours; only legacy ones are.
	c.emu.ResetCalls()
	cfg, dir = projectRepo(t, "", "kind: Model\nModelName: handmade\nExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker-execution\n"+
		"PrimaryContainer:\n  Image: 763104351884.dkr.ecr.us-east-1.amazonaws.com/xgboost-inference:1.7-1\n  ModelDataUrl: s3://acme-models/handmade/model.tar.gz\n")
	code, out = run(cfg, dir, "--prune")
	if code != 0 {
		t.Fatalf("apply with no project: exit %d\n%s", code, out)
	}
	if exists("model", "old-legacy") {
		t.Error("with no project, the legacy model old-legacy (no project tag) was not pruned")
	}
	if n := c.emu.Calls("DeleteModel") + c.emu.Calls("DeleteEndpointConfig") + c.emu.Calls("DeleteEndpoint"); n != 1 {
		t.Errorf("apply --prune with no project made %d deletes, want 1 (old-legacy)\n%s", n, out)
	}
	for _, r := range [][2]string{{"model", "fraud-v2"}, {"config", "fraud-v2"}, {"endpoint", "fraud"}, {"model", "billing-model"}, {"endpoint", "shared-ep"}} {
		if !exists(r[0], r[1]) {
			t.Errorf("the prune with no project deleted %s %s", r[0], r[1])
		}
	}
}

// TestCLIProjectMigration deploys with no project (hashed naming), then sets a project
// and changes the config: the legacy endpoint and model are adopted, and the superseded
// legacy config is adopted and deleted, so nothing of the old deployment is left behind.
func TestCLIProjectMigration(t *testing.T) {
	c := newCLIEnv(t)
	if code, out := c.apply("--auto-approve", testdata("v1")); code != 0 {
		t.Fatalf("apply before projects: exit %d\n%s", code, out)
	}
	cfg, _ := projectRepo(t, "churn")
	if err := os.WriteFile(cfg, []byte("naming: hashed\nproject: churn\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out := c.run("plan", "--config", cfg, testdata("v3"))
	if code != 0 || !strings.Contains(out, "first adopted into project churn") {
		t.Fatalf("plan after setting a project: exit %d\n%s", code, out)
	}
	c.emu.ResetCalls()
	if code, out := c.run("apply", "--auto-approve", "--poll-max", "5ms", "--retry-max-backoff", "5ms", "--config", cfg, testdata("v3")); code != 0 {
		t.Fatalf("apply with the project: exit %d\n%s", code, out)
	}
	if n := c.emu.Calls("DeleteEndpointConfig"); n != 1 {
		t.Errorf("DeleteEndpointConfig calls = %d, want 1 (the superseded legacy config)", n)
	}
	if code, out := c.run("plan", "--prune", "--detailed-exitcode", "--config", cfg, testdata("v3")); code != 0 || strings.Contains(out, "not this project's") {
		t.Fatalf("plan --prune after migrating: exit %d, want 0 and nothing legacy left\n%s", code, out)
	}
}
