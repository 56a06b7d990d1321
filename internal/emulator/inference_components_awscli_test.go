package emulator_test

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/sagectl/sagectl/internal/emulator"
)

// TestAWSCLIInferenceComponents: the AWS CLI places two components on an endpoint made for
// them, scales one (update-inference-component-runtime-config), swaps the other's model
// (update-inference-component), lists and describes them and deletes them; on an endpoint
// that hosts a model, create-inference-component fails with SageMaker's message.
func TestAWSCLIInferenceComponents(t *testing.T) {
	clock := emulator.NewFakeClock(epoch)
	srv, err := emulator.Start(emulator.Options{Clock: clock, CreateDuration: time.Minute, UpdateDuration: time.Minute, DeleteDuration: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	aws := newAWSCLI(t, srv.URL()).withOperation("describe-inference-component", "--inference-component-name", "probe")
	role := "arn:aws:iam::123456789012:role/sagemaker"
	for _, m := range []string{"llama-8b", "mistral-7b", "qwen-7b"} {
		aws.ok("create-model", "--model-name", m, "--primary-container", "Image=img:1", "--execution-role-arn", role)
	}
	aws.ok("create-endpoint-config", "--endpoint-config-name", "llm", "--execution-role-arn", role,
		"--production-variants", "VariantName=main,InstanceType=ml.g5.12xlarge,InitialInstanceCount=1")
	aws.ok("create-endpoint-config", "--endpoint-config-name", "direct",
		"--production-variants", "VariantName=main,ModelName=llama-8b,InstanceType=ml.g5.12xlarge,InitialInstanceCount=1")
	aws.ok("create-endpoint", "--endpoint-name", "llm", "--endpoint-config-name", "llm")
	aws.ok("create-endpoint", "--endpoint-name", "direct", "--endpoint-config-name", "direct")
	clock.Advance(time.Minute)

	spec := func(model string) string {
		return `{"ModelName":"` + model + `","ComputeResourceRequirements":{"MinMemoryRequiredInMb":16384,"NumberOfAcceleratorDevicesRequired":1},` +
			`"StartupParameters":{"ModelDataDownloadTimeoutInSeconds":1200}}`
	}
	aws.fails("ValidationException", "CreateInferenceComponent", "Inference Components are not supported in this Endpoint",
		"create-inference-component", "--inference-component-name", "chat", "--endpoint-name", "direct", "--variant-name", "main",
		"--specification", spec("llama-8b"), "--runtime-config", "CopyCount=1")
	created := aws.ok("create-inference-component", "--inference-component-name", "chat", "--endpoint-name", "llm", "--variant-name", "main",
		"--specification", spec("llama-8b"), "--runtime-config", "CopyCount=2", "--tags", "Key=sagectl:managed,Value=true")
	if get(created, "InferenceComponentArn") != "arn:aws:sagemaker:us-east-1:123456789012:inference-component/chat" {
		t.Errorf("create-inference-component: %v", created)
	}
	aws.ok("create-inference-component", "--inference-component-name", "summarize", "--endpoint-name", "llm", "--variant-name", "main",
		"--specification", spec("mistral-7b"), "--runtime-config", "CopyCount=1")
	if d := aws.ok("describe-inference-component", "--inference-component-name", "chat"); get(d, "InferenceComponentStatus") != "Creating" {
		t.Errorf("describe while creating: %v", d)
	}
	clock.Advance(time.Minute)

	aws.ok("update-inference-component-runtime-config", "--inference-component-name", "chat", "--desired-runtime-config", "CopyCount=3")
	aws.ok("update-inference-component", "--inference-component-name", "summarize", "--specification", spec("qwen-7b"),
		"--deployment-config", `{"RollingUpdatePolicy":{"MaximumBatchSize":{"Type":"COPY_COUNT","Value":1},"WaitIntervalInSeconds":60}}`)
	clock.Advance(time.Minute)
	chat := aws.ok("describe-inference-component", "--inference-component-name", "chat")
	if get(chat, "InferenceComponentStatus") != "InService" || get(chat, "RuntimeConfig", "CurrentCopyCount") != 3.0 || get(chat, "VariantName") != "main" ||
		get(chat, "Specification", "StartupParameters", "ModelDataDownloadTimeoutInSeconds") != 1200.0 {
		t.Errorf("describe chat: %v", chat)
	}
	sum := aws.ok("describe-inference-component", "--inference-component-name", "summarize")
	if get(sum, "Specification", "ModelName") != "qwen-7b" || get(sum, "LastDeploymentConfig", "RollingUpdatePolicy", "WaitIntervalInSeconds") != 60.0 {
		t.Errorf("describe summarize: %v", sum)
	}
	if l := aws.ok("list-inference-components", "--endpoint-name-equals", "llm"); count(l, "InferenceComponents") != 2 {
		t.Errorf("list-inference-components: %v", l)
	}
	if tags := aws.ok("list-tags", "--resource-arn", "arn:aws:sagemaker:us-east-1:123456789012:inference-component/chat"); get(tags, "Tags", 0, "Key") != "sagectl:managed" {
		t.Errorf("list-tags: %v", tags)
	}
	aws.ok("delete-inference-component", "--inference-component-name", "chat")
	clock.Advance(time.Minute)
	aws.fails("ValidationException", "DescribeInferenceComponent", "Could not find inference-component",
		"describe-inference-component", "--inference-component-name", "chat")
}

// withOperation returns the CLI with a binary that knows `aws sagemaker op`: awsBinary, or
// else the first other `aws` on PATH that does (a pip AWS CLI v1 newer than the distribution's
// v2, whose model predates the operation). It skips the test when none does.
func (a *awsCLI) withOperation(op string, args ...string) *awsCLI {
	a.t.Helper()
	candidates := []string{awsBinary}
	if p, err := exec.LookPath("aws"); err == nil && p != awsBinary {
		candidates = append(candidates, p)
	}
	for _, bin := range candidates {
		b := *a
		b.bin = bin
		if _, errOut, _ := b.run(append([]string{op}, args...)...); !strings.Contains(errOut, "Invalid choice") {
			return &b
		}
	}
	a.t.Skipf("no AWS CLI among %v knows `aws sagemaker %s` (the distribution's v2 predates inference components)", candidates, op)
	return nil
}
