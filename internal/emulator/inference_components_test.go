package emulator_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	aastypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/emulator"
)

// icEndpoint creates endpoint name on a config made for inference components (variant
// main, no model, an execution role) and waits until it is InService.
func (e *env) icEndpoint(t *testing.T, name string) {
	t.Helper()
	must[*sagemaker.CreateEndpointConfigOutput](t)(e.client.CreateEndpointConfig(e.ctx, &sagemaker.CreateEndpointConfigInput{
		EndpointConfigName: aws.String(name), ExecutionRoleArn: aws.String("arn:aws:iam::123456789012:role/sagemaker"),
		ProductionVariants: []types.ProductionVariant{{VariantName: aws.String("main"), InstanceType: types.ProductionVariantInstanceTypeMlG512xlarge, InitialInstanceCount: aws.Int32(1)}},
	}))
	must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String(name), EndpointConfigName: aws.String(name)}))
	e.clock.Advance(time.Minute)
}

// component is a CreateInferenceComponent request of model m with copies copies.
func component(name, endpoint, m string, copies int32) *sagemaker.CreateInferenceComponentInput {
	return &sagemaker.CreateInferenceComponentInput{
		InferenceComponentName: aws.String(name), EndpointName: aws.String(endpoint), VariantName: aws.String("main"),
		Specification: &types.InferenceComponentSpecification{ModelName: aws.String(m),
			ComputeResourceRequirements: &types.InferenceComponentComputeResourceRequirements{MinMemoryRequiredInMb: aws.Int32(1024), NumberOfAcceleratorDevicesRequired: aws.Float32(1)}},
		RuntimeConfig: &types.InferenceComponentRuntimeConfig{CopyCount: aws.Int32(copies)},
		Tags:          []types.Tag{{Key: aws.String("sagectl:managed"), Value: aws.String("true")}},
	}
}

func (e *env) describeIC(t *testing.T, name string) *sagemaker.DescribeInferenceComponentOutput {
	t.Helper()
	return must[*sagemaker.DescribeInferenceComponentOutput](t)(e.client.DescribeInferenceComponent(e.ctx, &sagemaker.DescribeInferenceComponentInput{InferenceComponentName: aws.String(name)}))
}

// TestInferenceComponentLifecycle: create (Creating → InService), a copy-count change and a
// specification change (Updating, the old values in service until done), tags by ARN, list
// by endpoint, and delete (Deleting, then gone).
func TestInferenceComponentLifecycle(t *testing.T) {
	e := newEnv(t)
	e.model(t, "m1")
	e.model(t, "m2")
	e.icEndpoint(t, "llm")
	out := must[*sagemaker.CreateInferenceComponentOutput](t)(e.client.CreateInferenceComponent(e.ctx, component("Chat", "llm", "m1", 2)))
	if got := aws.ToString(out.InferenceComponentArn); got != "arn:aws:sagemaker:us-east-1:123456789012:inference-component/chat" {
		t.Errorf("ARN = %s", got)
	}
	_, err := e.client.CreateInferenceComponent(e.ctx, component("chat", "llm", "m1", 2))
	apiErr(t, err, "ValidationException", "Cannot create already existing inference-component")
	d := e.describeIC(t, "chat")
	if d.InferenceComponentStatus != types.InferenceComponentStatusCreating || aws.ToInt32(d.RuntimeConfig.DesiredCopyCount) != 2 || aws.ToInt32(d.RuntimeConfig.CurrentCopyCount) != 0 {
		t.Errorf("creating: %s %+v", d.InferenceComponentStatus, d.RuntimeConfig)
	}
	_, err = e.client.UpdateInferenceComponentRuntimeConfig(e.ctx, &sagemaker.UpdateInferenceComponentRuntimeConfigInput{InferenceComponentName: aws.String("chat"),
		DesiredRuntimeConfig: &types.InferenceComponentRuntimeConfig{CopyCount: aws.Int32(3)}})
	apiErr(t, err, "ValidationException", "in status Creating")
	e.clock.Advance(time.Minute)
	d = e.describeIC(t, "chat")
	if d.InferenceComponentStatus != types.InferenceComponentStatusInService || aws.ToInt32(d.RuntimeConfig.CurrentCopyCount) != 2 ||
		aws.ToString(d.EndpointName) != "llm" || aws.ToString(d.VariantName) != "main" || aws.ToString(d.Specification.ModelName) != "m1" {
		t.Errorf("in service: %+v", d)
	}

	must[*sagemaker.UpdateInferenceComponentRuntimeConfigOutput](t)(e.client.UpdateInferenceComponentRuntimeConfig(e.ctx, &sagemaker.UpdateInferenceComponentRuntimeConfigInput{
		InferenceComponentName: aws.String("chat"), DesiredRuntimeConfig: &types.InferenceComponentRuntimeConfig{CopyCount: aws.Int32(3)}}))
	d = e.describeIC(t, "chat")
	if d.InferenceComponentStatus != types.InferenceComponentStatusUpdating || aws.ToInt32(d.RuntimeConfig.DesiredCopyCount) != 3 || aws.ToInt32(d.RuntimeConfig.CurrentCopyCount) != 2 {
		t.Errorf("scaling: %s %+v", d.InferenceComponentStatus, d.RuntimeConfig)
	}
	e.clock.Advance(time.Minute)
	spec := component("chat", "llm", "m2", 0).Specification
	must[*sagemaker.UpdateInferenceComponentOutput](t)(e.client.UpdateInferenceComponent(e.ctx, &sagemaker.UpdateInferenceComponentInput{InferenceComponentName: aws.String("chat"), Specification: spec}))
	if d = e.describeIC(t, "chat"); aws.ToString(d.Specification.ModelName) != "m1" || d.InferenceComponentStatus != types.InferenceComponentStatusUpdating {
		t.Errorf("updating: the old model is in service until the update is done: %s %s", aws.ToString(d.Specification.ModelName), d.InferenceComponentStatus)
	}
	e.clock.Advance(time.Minute)
	if d = e.describeIC(t, "chat"); aws.ToString(d.Specification.ModelName) != "m2" || aws.ToInt32(d.RuntimeConfig.CurrentCopyCount) != 3 {
		t.Errorf("updated: %s %+v", aws.ToString(d.Specification.ModelName), d.RuntimeConfig)
	}

	must[*sagemaker.AddTagsOutput](t)(e.client.AddTags(e.ctx, &sagemaker.AddTagsInput{ResourceArn: out.InferenceComponentArn, Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("llm")}}}))
	tags := must[*sagemaker.ListTagsOutput](t)(e.client.ListTags(e.ctx, &sagemaker.ListTagsInput{ResourceArn: out.InferenceComponentArn}))
	if len(tags.Tags) != 2 {
		t.Errorf("tags = %v", tags.Tags)
	}
	list := must[*sagemaker.ListInferenceComponentsOutput](t)(e.client.ListInferenceComponents(e.ctx, &sagemaker.ListInferenceComponentsInput{EndpointNameEquals: aws.String("LLM")}))
	other := must[*sagemaker.ListInferenceComponentsOutput](t)(e.client.ListInferenceComponents(e.ctx, &sagemaker.ListInferenceComponentsInput{EndpointNameEquals: aws.String("other")}))
	if len(list.InferenceComponents) != 1 || len(other.InferenceComponents) != 0 {
		t.Errorf("list = %+v, other = %+v", list.InferenceComponents, other.InferenceComponents)
	}

	must[*sagemaker.DeleteInferenceComponentOutput](t)(e.client.DeleteInferenceComponent(e.ctx, &sagemaker.DeleteInferenceComponentInput{InferenceComponentName: aws.String("chat")}))
	if d = e.describeIC(t, "chat"); d.InferenceComponentStatus != types.InferenceComponentStatusDeleting {
		t.Errorf("deleting: %s", d.InferenceComponentStatus)
	}
	e.clock.Advance(time.Minute)
	_, err = e.client.DescribeInferenceComponent(e.ctx, &sagemaker.DescribeInferenceComponentInput{InferenceComponentName: aws.String("chat")})
	apiErr(t, err, "ValidationException", `Could not find inference-component "arn:aws:sagemaker:us-east-1:123456789012:inference-component/chat"`)
}

// TestInferenceComponentValidation: the endpoint must exist, be InService and be made for
// components (SageMaker's message otherwise), the variant must exist, an adapter's base
// must exist, and the model's constraints apply.
func TestInferenceComponentValidation(t *testing.T) {
	e := newEnv(t)
	e.model(t, "m")
	e.config(t, "direct", "m")
	must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("direct"), EndpointConfigName: aws.String("direct")}))
	_, err := e.client.CreateInferenceComponent(e.ctx, component("c", "direct", "m", 1))
	apiErr(t, err, "ValidationException", "must be InService")
	e.clock.Advance(time.Minute)
	_, err = e.client.CreateInferenceComponent(e.ctx, component("c", "direct", "m", 1))
	apiErr(t, err, "ValidationException", "Inference Components are not supported in this Endpoint. Please make sure this endpoint can deploy inference components.")
	_, err = e.client.CreateInferenceComponent(e.ctx, component("c", "nope", "m", 1))
	apiErr(t, err, "ValidationException", `Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/nope"`)
	e.icEndpoint(t, "llm")
	in := component("c", "llm", "m", 1)
	in.VariantName = aws.String("primary")
	_, err = e.client.CreateInferenceComponent(e.ctx, in)
	apiErr(t, err, "ValidationException", `The variant "primary" is not present in endpoint`)
	in = component("adapter", "llm", "", 0)
	in.Specification, in.RuntimeConfig = &types.InferenceComponentSpecification{BaseInferenceComponentName: aws.String("base"),
		Container: &types.InferenceComponentContainerSpecification{ArtifactUrl: aws.String("s3://adapters/sql/")}}, nil
	_, err = e.client.CreateInferenceComponent(e.ctx, in)
	apiErr(t, err, "ValidationException", "Could not find inference-component")
	in = component("c", "llm", "m", -1)
	_, err = e.client.CreateInferenceComponent(e.ctx, in)
	apiErr(t, err, "ValidationException", "Value '-1' at 'runtimeConfig.copyCount' failed to satisfy constraint: Member must have value greater than or equal to 0")
}

// TestInferenceComponentFaults: a request fault answers the operation, and an EndpointFault
// naming the component fails its create with a FailureReason.
func TestInferenceComponentFaults(t *testing.T) {
	e := newEnv(t)
	e.model(t, "m")
	e.icEndpoint(t, "llm")
	e.srv.Inject(emulator.Fault{Kind: emulator.Throttle, Op: "CreateInferenceComponent", Times: 1})
	_, err := e.client.CreateInferenceComponent(e.ctx, component("c", "llm", "m", 1))
	apiErr(t, err, "ThrottlingException", "")
	e.srv.FailEndpoint(emulator.EndpointFault{Outcome: emulator.FailCreate, Endpoint: "c"})
	must[*sagemaker.CreateInferenceComponentOutput](t)(e.client.CreateInferenceComponent(e.ctx, component("c", "llm", "m", 1)))
	e.clock.Advance(time.Minute)
	d := e.describeIC(t, "c")
	if d.InferenceComponentStatus != types.InferenceComponentStatusFailed || aws.ToString(d.FailureReason) == "" {
		t.Errorf("failed create: %s %q", d.InferenceComponentStatus, aws.ToString(d.FailureReason))
	}
	if ep := e.describe(t, "llm"); ep.EndpointStatus != types.EndpointStatusInService {
		t.Errorf("the endpoint fault for component c failed endpoint llm: %s", ep.EndpointStatus)
	}
	must[*sagemaker.DeleteInferenceComponentOutput](t)(e.client.DeleteInferenceComponent(e.ctx, &sagemaker.DeleteInferenceComponentInput{InferenceComponentName: aws.String("c")}))
}

// TestInferenceComponentScalableTarget: a copy-count target registers only for a component
// that exists and on the copy-count dimension.
func TestInferenceComponentScalableTarget(t *testing.T) {
	e := newEnv(t)
	c := newAASClient(e.srv.URL())
	e.model(t, "m")
	e.icEndpoint(t, "llm")
	reg := func(id string, dim aastypes.ScalableDimension) error {
		_, err := c.RegisterScalableTarget(e.ctx, &applicationautoscaling.RegisterScalableTargetInput{ServiceNamespace: aastypes.ServiceNamespaceSagemaker,
			ResourceId: aws.String(id), ScalableDimension: dim, MinCapacity: aws.Int32(1), MaxCapacity: aws.Int32(4)})
		return err
	}
	apiErr(t, reg("inference-component/chat", aastypes.ScalableDimensionSageMakerInferenceComponentDesiredCopyCount), "ValidationException", "The inference component chat does not exist.")
	must[*sagemaker.CreateInferenceComponentOutput](t)(e.client.CreateInferenceComponent(e.ctx, component("chat", "llm", "m", 1)))
	apiErr(t, reg("inference-component/chat", aastypes.ScalableDimensionSageMakerVariantDesiredInstanceCount), "ValidationException", "Unsupported scalable dimension")
	if err := reg("inference-component/chat", aastypes.ScalableDimensionSageMakerInferenceComponentDesiredCopyCount); err != nil {
		t.Fatal(err)
	}
}
