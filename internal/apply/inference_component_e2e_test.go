package apply

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

// icConfig is an endpoint config made for inference components: an execution role, and
// variant main without a model.
func icConfig(name string) Step {
	return step(manifest.KindEndpointConfig, name, plan.Create, &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String(name),
		ExecutionRoleArn:   aws.String("arn:aws:iam::123456789012:role/sagemaker"),
		ProductionVariants: []types.ProductionVariant{{VariantName: aws.String("main"), InstanceType: types.ProductionVariantInstanceTypeMlG512xlarge, InitialInstanceCount: aws.Int32(1)}}})
}

func icSpec(model string) *types.InferenceComponentSpecification {
	return &types.InferenceComponentSpecification{ModelName: aws.String(model),
		ComputeResourceRequirements: &types.InferenceComponentComputeResourceRequirements{MinMemoryRequiredInMb: aws.Int32(16384), NumberOfAcceleratorDevicesRequired: aws.Float32(1)}}
}

func createComponent(name, model string, copies int32) Step {
	return step(manifest.KindInferenceComponent, name, plan.Create, &sagemaker.CreateInferenceComponentInput{InferenceComponentName: aws.String(name),
		EndpointName: aws.String("llm"), VariantName: aws.String("main"), Specification: icSpec(model),
		RuntimeConfig: &types.InferenceComponentRuntimeConfig{CopyCount: aws.Int32(copies)}})
}

// componentOps are the inference-component operations the recorder saw since from.
func (h *harness) componentOps(from int) []string {
	var out []string
	for _, c := range h.rec.Calls()[from:] {
		if strings.Contains(c.Operation, "InferenceComponent") && !strings.HasPrefix(c.Operation, "Describe") {
			out = append(out, c.Operation)
		}
	}
	return out
}

func (h *harness) component(t *testing.T, name string) *sagemaker.DescribeInferenceComponentOutput {
	t.Helper()
	out, err := h.raw.DescribeInferenceComponent(h.ctx, &sagemaker.DescribeInferenceComponentInput{InferenceComponentName: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestApplyComponents deploys a model as two components on one endpoint (each created once
// the endpoint is InService, tagged as sagectl's), scales one with one
// UpdateInferenceComponentRuntimeConfig, swaps the other's model with one
// UpdateInferenceComponent, each waited for and verified, and deletes the components
// before the endpoint.
func TestApplyComponents(t *testing.T) {
	h := newHarness(t)
	res := h.x.Run(h.ctx, planned(t, createModel("llama"), createModel("mistral"), createModel("qwen"), icConfig("llm"), createEndpoint("llm", "llm"),
		createComponent("chat", "llama", 1), createComponent("summarize", "mistral", 1)))
	if !res.OK() {
		t.Fatalf("create: states %v: %+v", states(res), res.Steps)
	}
	if got := h.componentOps(0); !slices.Equal(got, []string{"CreateInferenceComponent", "CreateInferenceComponent"}) {
		t.Errorf("create calls = %v", got)
	}
	for _, n := range []string{"chat", "summarize"} {
		d := h.component(t, n)
		tags, _ := Tags(h.ctx, h.raw, aws.ToString(d.InferenceComponentArn))
		if d.InferenceComponentStatus != types.InferenceComponentStatusInService || tags[ManagedByTag] != ManagedByValue {
			t.Errorf("%s: %s, tags %v", n, d.InferenceComponentStatus, tags)
		}
	}

	from := len(h.rec.Calls())
	res = h.x.Run(h.ctx, planned(t,
		step(manifest.KindInferenceComponent, "chat", plan.Update, &sagemaker.UpdateInferenceComponentRuntimeConfigInput{InferenceComponentName: aws.String("chat"),
			DesiredRuntimeConfig: &types.InferenceComponentRuntimeConfig{CopyCount: aws.Int32(3)}}),
		step(manifest.KindInferenceComponent, "summarize", plan.Update, &sagemaker.UpdateInferenceComponentInput{InferenceComponentName: aws.String("summarize"),
			Specification: icSpec("qwen"), DeploymentConfig: &types.InferenceComponentDeploymentConfig{RollingUpdatePolicy: &types.InferenceComponentRollingUpdatePolicy{
				MaximumBatchSize: &types.InferenceComponentCapacitySize{Type: types.InferenceComponentCapacitySizeTypeCopyCount, Value: aws.Int32(1)}, WaitIntervalInSeconds: aws.Int32(60)}}})))
	if !res.OK() {
		t.Fatalf("update: states %v: %+v", states(res), res.Steps)
	}
	if got := h.componentOps(from); !slices.Equal(got, []string{"UpdateInferenceComponentRuntimeConfig", "UpdateInferenceComponent"}) &&
		!slices.Equal(got, []string{"UpdateInferenceComponent", "UpdateInferenceComponentRuntimeConfig"}) {
		t.Errorf("update calls = %v: want exactly one runtime-config update and one specification update", got)
	}
	if d := h.component(t, "chat"); aws.ToInt32(d.RuntimeConfig.CurrentCopyCount) != 3 {
		t.Errorf("chat copies = %+v", d.RuntimeConfig)
	}
	if d := h.component(t, "summarize"); aws.ToString(d.Specification.ModelName) != "qwen" || aws.ToInt32(d.RuntimeConfig.CurrentCopyCount) != 1 {
		t.Errorf("summarize = %s, %+v", aws.ToString(d.Specification.ModelName), d.RuntimeConfig)
	}

	from = len(h.rec.Calls())
	res = h.x.Run(h.ctx, planned(t,
		step(manifest.KindInferenceComponent, "chat", plan.Delete, &sagemaker.DeleteInferenceComponentInput{InferenceComponentName: aws.String("chat")}),
		step(manifest.KindInferenceComponent, "summarize", plan.Delete, &sagemaker.DeleteInferenceComponentInput{InferenceComponentName: aws.String("summarize")}),
		step(manifest.KindEndpoint, "llm", plan.Delete, &sagemaker.DeleteEndpointInput{EndpointName: aws.String("llm")})))
	if !res.OK() {
		t.Fatalf("delete: states %v: %+v", states(res), res.Steps)
	}
	var ops []string
	for _, c := range h.rec.Calls()[from:] {
		if strings.HasPrefix(c.Operation, "Delete") {
			ops = append(ops, c.Operation)
		}
	}
	if len(ops) != 3 || ops[2] != "DeleteEndpoint" {
		t.Errorf("delete calls = %v: the components go first", ops)
	}
}

// TestApplyComponentFailed: a component that ends Failed fails its step with the
// FailureReason, and a change to a component sagectl did not create is refused.
func TestApplyComponentFailed(t *testing.T) {
	h := newHarness(t)
	h.emu.FailEndpoint(emulator.EndpointFault{Outcome: emulator.FailCreate, Endpoint: "chat", Reason: "CUDA out of memory"})
	res := h.x.Run(h.ctx, planned(t, createModel("llama"), icConfig("llm"), createEndpoint("llm", "llm"), createComponent("chat", "llama", 1)))
	var e *Error
	if res.OK() || !errors.As(res.Steps[3].Err, &e) || e.Kind != KindFailed || !strings.Contains(e.Error(), "CUDA out of memory") {
		t.Fatalf("failed create: states %v, err %v", states(res), res.Steps[3].Err)
	}
	// Another tool's component on the same endpoint.
	if _, err := h.raw.CreateInferenceComponent(h.ctx, &sagemaker.CreateInferenceComponentInput{InferenceComponentName: aws.String("theirs"),
		EndpointName: aws.String("llm"), VariantName: aws.String("main"), Specification: icSpec("llama"),
		RuntimeConfig: &types.InferenceComponentRuntimeConfig{CopyCount: aws.Int32(1)}}); err != nil {
		t.Fatal(err)
	}
	h.clock.Advance(h.x.Waiter.Timeout)
	res = h.x.Run(h.ctx, planned(t, step(manifest.KindInferenceComponent, "theirs", plan.Update, &sagemaker.UpdateInferenceComponentRuntimeConfigInput{
		InferenceComponentName: aws.String("theirs"), DesiredRuntimeConfig: &types.InferenceComponentRuntimeConfig{CopyCount: aws.Int32(2)}})))
	if res.OK() || !errors.As(res.Steps[0].Err, &e) || e.Kind != KindNotOwned {
		t.Errorf("unowned: states %v, err %v", states(res), res.Steps[0].Err)
	}
	if d := h.component(t, "theirs"); aws.ToInt32(d.RuntimeConfig.DesiredCopyCount) != 1 {
		t.Errorf("the unowned component was changed: %+v", d.RuntimeConfig)
	}
}

// TestGuardKeepsAModelAComponentRuns: apply refuses to delete a model an inference
// component runs, even when the plan said nothing uses it (the plan may be stale).
func TestGuardKeepsAModelAComponentRuns(t *testing.T) {
	h := newHarness(t)
	res := h.x.Run(h.ctx, planned(t, createModel("llama"), icConfig("llm"), createEndpoint("llm", "llm"), createComponent("chat", "llama", 1)))
	if !res.OK() {
		t.Fatalf("create: states %v: %+v", states(res), res.Steps)
	}
	res = h.x.Run(h.ctx, planned(t, deleteModel("llama")))
	var e *Error
	if res.OK() || !errors.As(res.Steps[0].Err, &e) || e.Kind != KindInUse || !strings.Contains(e.Error(), `inference component "chat" still runs it`) {
		t.Errorf("delete of a model a component runs: states %v, err %v", states(res), res.Steps[0].Err)
	}
	if !h.modelExists(t, "llama") {
		t.Error("the model was deleted")
	}
}
