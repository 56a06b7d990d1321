package emulator_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sagectl/sagectl/internal/emulator"
)

// awsBinary is the Debian awscli package (AWS CLI v2), which scripts/ensure-tools.sh installs.
// A pip AWS CLI v1 may also be on PATH; the test wants the v2 the issue names.
const awsBinary = "/usr/bin/aws"

// awsCLI runs the real AWS CLI against an emulator with fake credentials and no config.
type awsCLI struct {
	t   *testing.T
	url string
	env []string
	bin string // the AWS CLI binary: awsBinary unless a test chose another (withOperation)
}

func newAWSCLI(t *testing.T, url string) *awsCLI {
	t.Helper()
	if testing.Short() {
		t.Skip("drives the AWS CLI, a process per call: make unit runs it, make race (-short) does not pay for it twice")
	}
	if _, err := os.Stat(awsBinary); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing under CI=true: scripts/ensure-tools.sh (make tools) installs the awscli package", awsBinary)
		}
		t.Skipf("%s not installed (apt-get install awscli, or make tools); skipping the AWS CLI integration test", awsBinary)
	}
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return &awsCLI{t: t, url: url, bin: awsBinary, env: []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "LANG=C.UTF-8",
		"AWS_ACCESS_KEY_ID=AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY=secret", "AWS_DEFAULT_REGION=us-east-1",
		"AWS_CONFIG_FILE=" + empty, "AWS_SHARED_CREDENTIALS_FILE=" + empty,
		"AWS_DEFAULT_OUTPUT=json", "AWS_PAGER=", "AWS_MAX_ATTEMPTS=1", "AWS_EC2_METADATA_DISABLED=true",
	}}
}

// run runs `aws sagemaker ARGS...` and returns stdout, stderr and the exit code.
func (a *awsCLI) run(args ...string) (string, string, int) {
	a.t.Helper()
	return a.runService("sagemaker", args...)
}

// runService runs `aws SERVICE ARGS...` and returns stdout, stderr and the exit code.
func (a *awsCLI) runService(service string, args ...string) (string, string, int) {
	a.t.Helper()
	cmd := exec.Command(a.bin, append([]string{"--endpoint-url", a.url, service}, args...)...)
	cmd.Env = a.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		a.t.Fatalf("aws %s: %v", strings.Join(args, " "), err)
	}
	return stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()
}

// ok runs a command that must succeed and decodes its JSON output (nil when there is none).
func (a *awsCLI) ok(args ...string) map[string]any {
	a.t.Helper()
	out, errOut, code := a.run(args...)
	if code != 0 {
		a.t.Errorf("aws sagemaker %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
		return nil
	}
	if strings.TrimSpace(out) == "" {
		return nil
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		a.t.Errorf("aws sagemaker %s printed non-JSON %q: %v", strings.Join(args, " "), out, err)
	}
	return doc
}

// fails runs a command that must fail with the CLI's rendering of the service error code,
// raised by operation op, with a message containing want.
func (a *awsCLI) fails(code, op, want string, args ...string) {
	a.t.Helper()
	_, errOut, exit := a.run(args...)
	head := "An error occurred (" + code + ") when calling the " + op + " operation"
	if exit == 0 || !strings.Contains(errOut, head) || !strings.Contains(errOut, want) {
		a.t.Errorf("aws sagemaker %s: exit %d, stderr %q; want %q ... %q", strings.Join(args, " "), exit, errOut, head, want)
	}
}

// together runs independent CLI calls concurrently: each call costs the CLI's start-up time.
func together(calls ...func()) {
	var wg sync.WaitGroup
	for _, c := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c()
		}()
	}
	wg.Wait()
}

// count is the length of the list at key in a decoded document, -1 when there is none.
func count(doc map[string]any, key string) int {
	l, ok := doc[key].([]any)
	if !ok {
		return -1
	}
	return len(l)
}

// get walks a decoded JSON document: get(doc, "ProductionVariants", 0, "VariantName").
func get(doc any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := doc.(map[string]any)
			doc = m[k]
		case int:
			l, _ := doc.([]any)
			if k >= len(l) {
				return nil
			}
			doc = l[k]
		}
	}
	return doc
}

func TestAWSCLI(t *testing.T) {
	clock := emulator.NewFakeClock(epoch)
	srv, err := emulator.Start(emulator.Options{Clock: clock, CreateDuration: time.Minute, UpdateDuration: time.Minute, DeleteDuration: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	aws := newAWSCLI(t, srv.URL())
	input := filepath.Join(t.TempDir(), "config.json")
	cfg := `{"EndpointConfigName":"churn-prod-v8","ProductionVariants":[
	  {"VariantName":"current","ModelName":"churn-v8","InstanceType":"ml.m5.xlarge","InitialInstanceCount":2,"InitialVariantWeight":0.7},
	  {"VariantName":"challenger","ModelName":"churn-v8","InstanceType":"ml.m5.large","InitialInstanceCount":1,"InitialVariantWeight":0.3}],
	 "ShadowProductionVariants":[{"VariantName":"shadow","ModelName":"churn-v8","InstanceType":"ml.c5.large","InitialInstanceCount":1}],
	 "DataCaptureConfig":{"InitialSamplingPercentage":20,"DestinationS3Uri":"s3://capture/churn","CaptureOptions":[{"CaptureMode":"Input"}]},
	 "KmsKeyId":"alias/sagemaker","Tags":[{"Key":"team","Value":"churn"}]}`
	if err := os.WriteFile(input, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	if err := json.Unmarshal([]byte(cfg), &want); err != nil {
		t.Fatal(err)
	}
	role := "arn:aws:iam::123456789012:role/sagemaker"
	arn := "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn"

	m := aws.ok("create-model", "--model-name", "churn-v8", "--primary-container", "Image=img:1,ModelDataUrl=s3://models/churn.tar.gz", "--execution-role-arn", role)
	if get(m, "ModelArn") != "arn:aws:sagemaker:us-east-1:123456789012:model/churn-v8" {
		t.Errorf("create-model: %v", m)
	}
	together(
		func() {
			aws.ok("create-model", "--model-name", "spare", "--primary-container", "Image=img:2", "--execution-role-arn", role)
		},
		func() {
			d := aws.ok("describe-model", "--model-name", "churn-v8")
			if get(d, "PrimaryContainer", "ModelDataUrl") != "s3://models/churn.tar.gz" || !strings.HasPrefix(fmt.Sprint(get(d, "CreationTime")), "2026-11-01T12:00:00") {
				t.Errorf("describe-model: %v", d)
			}
		},
		func() {
			// A config as users keep it for --cli-input-json.
			if c := aws.ok("create-endpoint-config", "--cli-input-json", "file://"+input); get(c, "EndpointConfigArn") != "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-prod-v8" {
				t.Errorf("create-endpoint-config: %v", c)
			}
		},
		func() {
			aws.fails("ValidationException", "DescribeModel", `Could not find model "arn:aws:sagemaker:us-east-1:123456789012:model/ghost"`, "describe-model", "--model-name", "ghost")
		},
		func() {
			aws.fails("ValidationException", "DescribeEndpointConfig", "Could not find endpoint configuration", "describe-endpoint-config", "--endpoint-config-name", "ghost")
		},
		func() {
			aws.fails("ValidationException", "DescribeEndpoint", "failed to satisfy constraint: Member must satisfy regular expression pattern", "describe-endpoint", "--endpoint-name", "bad_name")
		},
		func() {
			aws.fails("ValidationException", "AddTags", "System prefix 'aws:' reserved", "add-tags", "--resource-arn", arn, "--tags", "Key=aws:x,Value=y")
		},
	)
	before := srv.Calls("ListModels")
	together(
		func() {
			// --page-size 1 makes the CLI follow NextToken: two calls, one merged answer.
			if l := aws.ok("list-models", "--page-size", "1"); count(l, "Models") != 2 {
				t.Errorf("list-models --page-size 1: %v", l)
			}
		},
		func() {
			if l := aws.ok("list-models", "--max-items", "1", "--sort-by", "Name", "--sort-order", "Ascending"); get(l, "Models", 0, "ModelName") != "churn-v8" || get(l, "NextToken") == nil {
				t.Errorf("list-models --max-items 1: %v", l)
			}
		},
		func() {
			dc := aws.ok("describe-endpoint-config", "--endpoint-config-name", "churn-prod-v8")
			for _, k := range []string{"EndpointConfigName", "ProductionVariants", "ShadowProductionVariants", "DataCaptureConfig", "KmsKeyId"} {
				if g, w := mustJSON(t, dc[k]), mustJSON(t, want[k]); g != w {
					t.Errorf("describe-endpoint-config %s:\n got %s\nwant %s", k, g, w)
				}
			}
		},
		func() {
			aws.fails("ValidationException", "CreateEndpointConfig", `Cannot create already existing endpoint configuration "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-prod-v8"`,
				"create-endpoint-config", "--cli-input-json", "file://"+input)
		},
		func() {
			aws.ok("create-endpoint-config", "--endpoint-config-name", "churn-prod-v9", "--production-variants", "VariantName=current,ModelName=spare,InstanceType=ml.m5.xlarge,InitialInstanceCount=1")
		},
		func() {
			aws.ok("create-endpoint", "--endpoint-name", "churn", "--endpoint-config-name", "churn-prod-v8", "--tags", "Key=env,Value=prod")
		},
	)
	if n := srv.Calls("ListModels") - before; n != 3 {
		t.Errorf("ListModels calls = %d, want 3 (two pages, then one)", n)
	}
	together(
		func() {
			if l := aws.ok("list-endpoint-configs", "--name-contains", "v9"); count(l, "EndpointConfigs") != 1 {
				t.Errorf("list-endpoint-configs --name-contains v9: %v", l)
			}
		},
		func() {
			if s := get(aws.ok("describe-endpoint", "--endpoint-name", "churn"), "EndpointStatus"); s != "Creating" {
				t.Errorf("status after create-endpoint: %v", s)
			}
		},
	)
	clock.Advance(time.Minute)
	together(
		func() { aws.ok("wait", "endpoint-in-service", "--endpoint-name", "churn") },
		func() {
			de := aws.ok("describe-endpoint", "--endpoint-name", "churn")
			if get(de, "ProductionVariants", 0, "CurrentWeight") != 0.7 || get(de, "DataCaptureConfig", "CaptureStatus") != "Started" || get(de, "ShadowProductionVariants", 0, "VariantName") != "shadow" {
				t.Errorf("describe-endpoint: %v", de)
			}
		},
	)
	aws.ok("update-endpoint-weights-and-capacities", "--endpoint-name", "churn", "--desired-weights-and-capacities", "VariantName=challenger,DesiredWeight=0.5,DesiredInstanceCount=3")
	together(
		func() {
			de := aws.ok("describe-endpoint", "--endpoint-name", "churn")
			if get(de, "EndpointStatus") != "Updating" || get(de, "ProductionVariants", 1, "DesiredWeight") != 0.5 || get(de, "ProductionVariants", 1, "CurrentWeight") != 0.3 {
				t.Errorf("during the weights update: %v", de)
			}
		},
		func() {
			aws.fails("ValidationException", "UpdateEndpoint", "Cannot update in-progress endpoint", "update-endpoint", "--endpoint-name", "churn", "--endpoint-config-name", "churn-prod-v9")
		},
		func() {
			aws.ok("add-tags", "--resource-arn", arn, "--tags", "Key=env,Value=staging", "Key=owner,Value=ml")
		},
	)
	clock.Advance(time.Minute)
	together(
		func() {
			aws.ok("update-endpoint", "--endpoint-name", "churn", "--endpoint-config-name", "churn-prod-v9")
		},
		func() { aws.ok("delete-tags", "--resource-arn", arn, "--tag-keys", "owner") },
	)
	clock.Advance(time.Minute)
	together(
		func() {
			if l := aws.ok("list-endpoints", "--status-equals", "InService", "--name-contains", "chu"); get(l, "Endpoints", 0, "EndpointName") != "churn" {
				t.Errorf("list-endpoints: %v", l)
			}
		},
		func() {
			if g := get(aws.ok("describe-endpoint", "--endpoint-name", "churn"), "EndpointConfigName"); g != "churn-prod-v9" {
				t.Errorf("after update-endpoint: on %v", g)
			}
		},
		func() {
			if tags := aws.ok("list-tags", "--resource-arn", arn); mustJSON(t, tags["Tags"]) != `[{"Key":"env","Value":"staging"}]` {
				t.Errorf("list-tags: %v", tags)
			}
		},
	)
	srv.Inject(emulator.Fault{Kind: emulator.Throttle, Op: "ListEndpoints", Times: 1})
	together(
		func() { aws.fails("ThrottlingException", "ListEndpoints", "Rate exceeded", "list-endpoints") },
		func() { aws.ok("delete-endpoint", "--endpoint-name", "churn") },
		func() { aws.ok("delete-endpoint-config", "--endpoint-config-name", "churn-prod-v8") },
		func() { aws.ok("delete-model", "--model-name", "churn-v8") },
	)
	clock.Advance(time.Minute)
	together(
		func() { aws.ok("wait", "endpoint-deleted", "--endpoint-name", "churn") },
		func() {
			aws.fails("ValidationException", "DescribeEndpoint", `Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn"`, "describe-endpoint", "--endpoint-name", "churn")
		},
		func() {
			aws.fails("ValidationException", "DeleteModel", "Could not find model", "delete-model", "--model-name", "churn-v8")
		},
	)
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAWSCLIServerSideChecks: the AWS CLI renders the emulator's answers to requests
// that pass the model's traits on the client but that SageMaker rejects server-side.
func TestAWSCLIServerSideChecks(t *testing.T) {
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	aws := newAWSCLI(t, srv.URL())
	together(
		func() {
			aws.fails("ValidationException", "CreateEndpointConfig", "Invalid KMS key 'my-prod-key' at 'kmsKeyId'",
				"create-endpoint-config", "--endpoint-config-name", "c", "--kms-key-id", "my-prod-key",
				"--production-variants", "VariantName=a,ModelName=m,InstanceType=ml.m5.large,InitialInstanceCount=1")
		},
		func() {
			aws.fails("ValidationException", "CreateEndpointConfig",
				"1 validation error detected: Value '3000' at 'productionVariants.1.member.serverlessConfig.memorySizeInMB' failed to satisfy constraint: Member must satisfy enum value set: [1024, 2048, 3072, 4096, 5120, 6144]",
				"create-endpoint-config", "--endpoint-config-name", "c",
				"--production-variants", `[{"VariantName":"a","ModelName":"m","ServerlessConfig":{"MemorySizeInMB":3000,"MaxConcurrency":5}}]`)
		},
	)
}
