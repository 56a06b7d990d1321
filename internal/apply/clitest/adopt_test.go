package clitest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/apply"
	"github.com/sagectl/sagectl/internal/plan"
)

// deployRaw creates model, config and endpoint name-m, name-c, name-e with tags, without
// sagectl, and waits until the endpoint is InService.
func deployRaw(t *testing.T, raw *sagemaker.Client, name string, tags map[string]string) {
	t.Helper()
	ctx := context.Background()
	var list []types.Tag
	for k, v := range tags {
		list = append(list, types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	if _, err := raw.CreateModel(ctx, &sagemaker.CreateModelInput{ModelName: aws.String(name + "-m"), Tags: list,
		ExecutionRoleArn: aws.String("arn:aws:iam::123456789012:role/sagemaker-execution"),
		PrimaryContainer: &types.ContainerDefinition{Image: aws.String("763104351884.dkr.ecr.us-east-1.amazonaws.com/xgboost-inference:1.7-1"),
			ModelDataUrl: aws.String("s3://acme-models/" + name + "/model.tar.gz")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.CreateEndpointConfig(ctx, &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String(name + "-c"), Tags: list,
		ProductionVariants: []types.ProductionVariant{{VariantName: aws.String("main"), ModelName: aws.String(name + "-m"),
			InstanceType: types.ProductionVariantInstanceTypeMlM5Xlarge, InitialInstanceCount: aws.Int32(1)}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.CreateEndpoint(ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String(name + "-e"), EndpointConfigName: aws.String(name + "-c"), Tags: list}); err != nil {
		t.Fatal(err)
	}
	waitInService(t, raw, name+"-e")
}

// TestCLIImportAdopt: import --adopt tags an unmanaged endpoint with its config and model,
// and a legacy one (managed-by only), as project fraud's, so that planning the imported
// manifests shows no changes and prune keeps them; an endpoint of project billing is
// refused, and then nothing is tagged or written.
func TestCLIImportAdopt(t *testing.T) {
	c := newCLIEnv(t)
	raw := c.client()
	ctx := context.Background()
	deployRaw(t, raw, "hand", nil)
	deployRaw(t, raw, "legacy", map[string]string{plan.TagManagedBy: plan.ManagedByValue})
	deployRaw(t, raw, "billing", map[string]string{plan.TagManagedBy: plan.ManagedByValue, plan.TagProject: "billing"})
	cfg, _ := projectRepo(t, "fraud")
	arn := func(kind, name string) string {
		return "arn:aws:sagemaker:us-east-1:123456789012:" + kind + "/" + name
	}
	tagsOf := func(a string) map[string]string {
		t.Helper()
		tags, err := apply.Tags(ctx, raw, a)
		if err != nil {
			t.Fatal(err)
		}
		return tags
	}

	refused := filepath.Join(t.TempDir(), "refused")
	code, out := c.run("import", "--adopt", "--config", cfg, "--out-dir", refused, "hand-e", "billing-e")
	if code != 1 || !strings.Contains(out, `nothing adopted: Model billing-m: it belongs to project "billing"`) {
		t.Fatalf("import --adopt of billing's endpoint: exit %d, want 1\n%s", code, out)
	}
	if n := c.emu.Calls("AddTags"); n != 0 {
		t.Errorf("a refused adoption made %d AddTags calls", n)
	}
	if _, err := os.Stat(refused); !os.IsNotExist(err) {
		t.Errorf("a refused adoption wrote manifests: %v", err)
	}
	if got := tagsOf(arn("endpoint", "billing-e"))[plan.TagProject]; got != "billing" {
		t.Errorf("billing-e's project tag = %q", got)
	}

	dir := filepath.Join(t.TempDir(), "imported")
	code, out = c.run("import", "--adopt", "--config", cfg, "--out-dir", dir, "hand-e", "legacy-e")
	if code != 0 || !strings.Contains(out, "Endpoint hand-e: adopted into project fraud (tagged sagectl:logical-id=hand-e, sagectl:managed-by=sagectl, sagectl:project=fraud)") {
		t.Fatalf("import --adopt: exit %d\n%s", code, out)
	}
	for _, a := range []string{arn("endpoint", "hand-e"), arn("endpoint-config", "hand-c"), arn("model", "hand-m"),
		arn("endpoint", "legacy-e"), arn("endpoint-config", "legacy-c"), arn("model", "legacy-m")} {
		tags := tagsOf(a)
		if plan.OwnerOf(tags, "fraud") != plan.OwnerUs {
			t.Errorf("%s after import --adopt: tags %v, not project fraud's", a, tags)
		}
	}
	if code, out := c.run("plan", "--prune", "--detailed-exitcode", "--config", cfg, dir); code != 0 || strings.Contains(out, "(delete)") {
		t.Fatalf("plan of the adopted manifests: exit %d, want 0 (no changes)\n%s", code, out)
	}
	c.emu.ResetCalls()
	if code, out := c.run("import", "--adopt", "--config", cfg, "hand-e"); code != 0 || !strings.Contains(out, "Endpoint hand-e: already managed by sagectl in project fraud") {
		t.Fatalf("import --adopt again: exit %d\n%s", code, out)
	}
	if n := c.emu.Calls("AddTags"); n != 0 {
		t.Errorf("adopting again made %d AddTags calls", n)
	}
	// import exits 1 on every error, a usage error included (docs/plan.md, exit codes).
	if code, out := c.run("import", "--adopt", "--live-dir", dir, "hand-e"); code != 1 || !strings.Contains(out, "--adopt tags the live resources") {
		t.Errorf("import --adopt --live-dir: exit %d\n%s", code, out)
	}
}

// TestCLIPlanAdopt: resources sagectl did not create, named by manifests, become the
// project's through the reviewed plan of plan/apply --adopt, and only then.
func TestCLIPlanAdopt(t *testing.T) {
	c := newCLIEnv(t)
	raw := c.client()
	deployRaw(t, raw, "hand", nil)
	cfg, _ := projectRepo(t, "fraud")
	dir := filepath.Join(t.TempDir(), "imported")
	if code, out := c.run("import", "--out-dir", dir, "hand-e"); code != 0 {
		t.Fatalf("import: exit %d\n%s", code, out)
	}
	code, out := c.run("plan", "--adopt", "--detailed-exitcode", "--config", cfg, dir)
	if code != 2 || strings.Count(out, "adopted into project fraud (--adopt)") != 3 || !strings.Contains(out, `Tags.sagectl:project: (absent) → "fraud"`) {
		t.Fatalf("plan --adopt: exit %d, want 2 and three adoptions\n%s", code, out)
	}
	if code, out := c.run("plan", "--detailed-exitcode", "--config", cfg, dir); code != 0 {
		t.Fatalf("plan without --adopt: exit %d, want 0 (nothing adopted unasked)\n%s", code, out)
	}
	if code, out := c.run("apply", "--adopt", "--auto-approve", "--config", cfg, dir); code != 0 {
		t.Fatalf("apply --adopt: exit %d\n%s", code, out)
	}
	tags, err := apply.Tags(context.Background(), raw, "arn:aws:sagemaker:us-east-1:123456789012:endpoint/hand-e")
	if err != nil || plan.OwnerOf(tags, "fraud") != plan.OwnerUs || tags[plan.TagLogicalID] != "hand-e" {
		t.Fatalf("hand-e after apply --adopt: %v %v", tags, err)
	}
	if code, out := c.run("plan", "--adopt", "--detailed-exitcode", "--config", cfg, dir); code != 0 {
		t.Fatalf("plan --adopt after adopting: exit %d, want 0\n%s", code, out)
	}
}
