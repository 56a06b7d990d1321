package clitest_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// TestPlanScenariosConverge replays the plan scenarios of testdata/plan on the emulator:
// their live state is created there, then apply and plan (with the scenario's flags) must
// leave no changes. Scenarios whose live endpoint is Updating or Failed are skipped here:
// apply refuses to touch those by design (see TestApplyBusyEndpointIsNotTouched), and
// exact-config-in-use is a plan the planner blocks.
func TestPlanScenariosConverge(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "testdata", "plan", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	skip := map[string]bool{"endpoint-updating": true, "endpoint-failed-prune": true, "exact-config-in-use": true}
	ran := 0
	for _, dir := range dirs {
		name := filepath.Base(dir)
		if skip[name] {
			continue
		}
		ran++
		t.Run(name, func(t *testing.T) {
			c := newCLIEnv(t)
			seed(t, c.url, filepath.Join(dir, "live"))
			args := scenarioArgs(t, dir)
			code, out := c.run(append(append([]string{"apply", "--auto-approve", "--poll-max", "5ms", "--retry-max-backoff", "5ms"}, args...),
				filepath.Join(dir, "manifests"))...)
			if code != 0 || strings.Contains(out, "Apply complete") == (name == "no-changes") {
				t.Fatalf("apply: exit %d\n%s", code, out)
			}
			code, out = c.run(append(append([]string{"plan", "--detailed-exitcode"}, args...), filepath.Join(dir, "manifests"))...)
			if code != 0 || !strings.Contains(out, "no changes") {
				t.Fatalf("plan after apply: exit %d\n%s", code, out)
			}
		})
	}
	if ran < 5 {
		t.Errorf("only %d scenarios ran", ran)
	}
}

// scenarioArgs turns a scenario's args file (prune, naming=hashed) into flags.
func scenarioArgs(t *testing.T, dir string) []string {
	data, err := os.ReadFile(filepath.Join(dir, "args"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var flags []string
	for _, f := range strings.Fields(string(data)) {
		flags = append(flags, "--"+f)
	}
	return flags
}

// seed creates the resources of a --live-dir snapshot (describe-* outputs, with Tags inline
// or in list-tags files naming their ResourceArn) on the emulator, endpoints last, and waits
// until every endpoint serves with the snapshot's desired weights.
func seed(t *testing.T, url, dir string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	type doc struct {
		raw  []byte
		body map[string]any
	}
	var models, configs, endpoints []doc
	tags := map[string][]types.Tag{} // by ARN
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		if err := json.Unmarshal(raw, &body); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		d := doc{raw, body}
		switch {
		case body["EndpointArn"] != nil:
			endpoints = append(endpoints, d)
		case body["EndpointConfigArn"] != nil:
			configs = append(configs, d)
		case body["ModelArn"] != nil:
			models = append(models, d)
		case body["ResourceArn"] != nil:
			var lt sagemaker.ListTagsOutput
			if err := json.Unmarshal(raw, &lt); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			tags[body["ResourceArn"].(string)] = lt.Tags
		}
	}
	// withTags decodes d into the create input in (inline Tags included) and returns the
	// tags a list-tags file gives the resource, if any.
	withTags := func(d doc, arnKey string, in any) []types.Tag {
		if err := json.Unmarshal(d.raw, in); err != nil {
			t.Fatal(err)
		}
		arn, _ := d.body[arnKey].(string)
		return tags[arn]
	}
	raw := sagemaker.New(sagemaker.Options{Region: "us-east-1", BaseEndpoint: aws.String(url),
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
	ctx := context.Background()
	for _, d := range models {
		in := &sagemaker.CreateModelInput{}
		if extra := withTags(d, "ModelArn", in); extra != nil {
			in.Tags = extra
		}
		if _, err := raw.CreateModel(ctx, in); err != nil {
			t.Fatalf("seeding model: %v", err)
		}
	}
	for _, d := range configs {
		in := &sagemaker.CreateEndpointConfigInput{}
		if extra := withTags(d, "EndpointConfigArn", in); extra != nil {
			in.Tags = extra
		}
		if _, err := raw.CreateEndpointConfig(ctx, in); err != nil {
			t.Fatalf("seeding config: %v", err)
		}
	}
	for _, d := range endpoints {
		var live sagemaker.DescribeEndpointOutput
		in := &sagemaker.CreateEndpointInput{}
		if extra := withTags(d, "EndpointArn", in); extra != nil {
			in.Tags = extra
		}
		_ = json.Unmarshal(d.raw, &live)
		if _, err := raw.CreateEndpoint(ctx, in); err != nil {
			t.Fatalf("seeding endpoint: %v", err)
		}
		waitInService(t, raw, aws.ToString(in.EndpointName))
		var shift []types.DesiredWeightAndCapacity
		for _, v := range live.ProductionVariants {
			shift = append(shift, types.DesiredWeightAndCapacity{VariantName: v.VariantName, DesiredWeight: v.DesiredWeight, DesiredInstanceCount: v.DesiredInstanceCount})
		}
		if len(shift) > 0 {
			if _, err := raw.UpdateEndpointWeightsAndCapacities(ctx, &sagemaker.UpdateEndpointWeightsAndCapacitiesInput{
				EndpointName: in.EndpointName, DesiredWeightsAndCapacities: shift}); err != nil {
				t.Fatalf("seeding weights: %v", err)
			}
			waitInService(t, raw, aws.ToString(in.EndpointName))
		}
	}
}

func waitInService(t *testing.T, raw *sagemaker.Client, name string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		out, err := raw.DescribeEndpoint(context.Background(), &sagemaker.DescribeEndpointInput{EndpointName: &name})
		if err == nil && out.EndpointStatus == types.EndpointStatusInService {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("seeded endpoint %s not InService after 20s: %v", name, err)
		}
		time.Sleep(time.Millisecond)
	}
}
